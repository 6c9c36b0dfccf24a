# shellcheck shell=bash
# fw-docker-style: iptables (nft backend) rules shaped like Docker's (24-27):
# nat DOCKER with a DNAT, MASQUERADE for the bridge net, filter FORWARD policy DROP,
# DOCKER, DOCKER-USER, DOCKER-ISOLATION-STAGE-1/2; the bridge net is a
# documentation range (203.0.113.128/25, 2001:db8:d0c::/64; no interface is
# created: the rules only name docker0). DOCKER-USER holds the classic mistake, a
# DROP for PORT from the client's net: it is in FORWARD and never sees traffic to
# the host itself. INPUT stays ACCEPT: the client gets the banner (v4 and v6).
# The bridge net, and (IPv4 only, as Docker does) one published container port.
docker_rules() {
    local bridge=203.0.113.128/25
    if [[ $FW_FAMILY == 6 ]]; then bridge=2001:db8:d0c::/64; fi
    printf '%s\n' '*nat' ':PREROUTING ACCEPT [0:0]' ':INPUT ACCEPT [0:0]' ':OUTPUT ACCEPT [0:0]' \
        ':POSTROUTING ACCEPT [0:0]' ':DOCKER - [0:0]' \
        '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER' \
        "-A OUTPUT ! -d $LOOPBACK_NET -m addrtype --dst-type LOCAL -j DOCKER" \
        "-A POSTROUTING -s $bridge ! -o docker0 -j MASQUERADE"
    if [[ $FW_FAMILY == 4 ]]; then
        echo '-A POSTROUTING -s 203.0.113.130/32 -d 203.0.113.130/32 -p tcp -m tcp --dport 80 -j MASQUERADE'
    fi
    echo '-A DOCKER -i docker0 -j RETURN'
    if [[ $FW_FAMILY == 4 ]]; then
        echo '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 203.0.113.130:80'
    fi
    printf '%s\n' 'COMMIT' '*filter' ':INPUT ACCEPT [0:0]' ':FORWARD DROP [0:0]' ':OUTPUT ACCEPT [0:0]' \
        ':DOCKER - [0:0]' ':DOCKER-ISOLATION-STAGE-1 - [0:0]' ':DOCKER-ISOLATION-STAGE-2 - [0:0]' ':DOCKER-USER - [0:0]' \
        '-A FORWARD -j DOCKER-USER' \
        '-A FORWARD -j DOCKER-ISOLATION-STAGE-1' \
        '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT' \
        '-A FORWARD -o docker0 -j DOCKER' \
        '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT' \
        '-A FORWARD -i docker0 -o docker0 -j ACCEPT'
    if [[ $FW_FAMILY == 4 ]]; then
        echo '-A DOCKER -d 203.0.113.130/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT'
    fi
    printf '%s\n' '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2' \
        '-A DOCKER-ISOLATION-STAGE-1 -j RETURN' \
        '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP' \
        '-A DOCKER-ISOLATION-STAGE-2 -j RETURN' \
        "-A DOCKER-USER -s $CLIENT_NET -p tcp -m tcp --dport $PORT -m comment --comment \"sst: meant for the host, but FORWARD only\" -j DROP" \
        '-A DOCKER-USER -j RETURN' \
        'COMMIT'
}

scenario_up() {
    server_up
    fw_load_both server fw-docker-style iptables-restore docker_rules
    lab_env FIREWALL iptables-nft
    lab_env FIREWALL_VERDICT accept
    lab_env FIREWALL_VERDICT_CHAIN filter/INPUT
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
