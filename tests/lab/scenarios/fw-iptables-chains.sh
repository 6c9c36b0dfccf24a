# shellcheck shell=bash
# fw-iptables-chains: iptables (nft backend), filter INPUT policy ACCEPT with a
# user chain, a RETURN, a goto, a conntrack accept and comments. The client's SYN
# to PORT: INPUT jumps to sst-ssh-allow, which accepts the admin net 203.0.113.0/24
# (another source), RETURNs for the client's net before the (shadowed) accept of
# the client itself, and back in INPUT the last rule REJECTs PORT from the client's
# net with icmp(6)-port-unreachable: ECONNREFUSED, v4 and v6. 2222 is accepted
# through a goto (-g sst-mgmt).
chains_rules() {
    fw_filter_table ':sst-mgmt - [0:0]' ':sst-ssh-allow - [0:0]' \
        '-A INPUT -i lo -m comment --comment "sst: loopback" -j ACCEPT' \
        '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "sst: established" -j ACCEPT' \
        "-A INPUT -p tcp -m tcp --dport $MGMT_PORT -m comment --comment \"sst: management sshd (goto)\" -g sst-mgmt" \
        "-A INPUT -p tcp -m tcp --dport $PORT -m comment --comment \"sst: ssh allow-list\" -j sst-ssh-allow" \
        "-A INPUT -s $CLIENT_NET -p tcp -m tcp --dport $PORT -m comment --comment \"sst: no ssh from the client net\" -j REJECT --reject-with $PORT_UNREACHABLE" \
        "-A sst-mgmt -s $CLIENT_NET -m comment --comment \"sst: management from the client net\" -j ACCEPT" \
        "-A sst-mgmt -s $ADMIN_NET -j ACCEPT" \
        "-A sst-ssh-allow -s $ADMIN_NET -m comment --comment \"sst: admin net\" -j ACCEPT" \
        "-A sst-ssh-allow -s $CLIENT_NET -m comment --comment \"sst: client net: back to INPUT\" -j RETURN" \
        "-A sst-ssh-allow -s $CLIENT_HOST -m comment --comment \"sst: shadowed by the RETURN above\" -j ACCEPT"
}

scenario_up() {
    server_up
    fw_load_both server fw-iptables-chains iptables-restore chains_rules
    lab_env FIREWALL iptables-nft
    lab_env FIREWALL_VERDICT reject:icmp-port-unreachable
    lab_env FIREWALL_VERDICT_CHAIN filter/INPUT
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
}
