# shellcheck shell=bash
# fw-iptables-policy-drop: iptables (nft backend), INPUT policy DROP; accepts for
# loopback, established, ICMP (ICMPv6 too: neighbour discovery) and tcp 80, 443 and
# the management port only. Nothing matches PORT: the policy drops the SYN, the
# client times out (v4 and v6).
policy_drop_rules() {
    cat <<EOF
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p $ICMP_PROTO -j ACCEPT
-A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment "sst: web" -j ACCEPT
-A INPUT -p tcp -m tcp --dport $MGMT_PORT -m comment --comment "sst: management sshd" -j ACCEPT
COMMIT
EOF
}

scenario_up() {
    server_up
    fw_load_both server fw-iptables-policy-drop iptables-restore policy_drop_rules
    lab_env FIREWALL iptables-nft
    fw_expect_drop policy:DROP filter/INPUT
}
