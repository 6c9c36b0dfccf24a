# shellcheck shell=bash
# reject-port-unreachable: sshd runs; iptables (nft backend) REJECTs with ICMP
# port-unreachable (ICMPv6 port-unreachable for v6): also ECONNREFUSED at the client.
scenario_up() {
    server_up
    in_ns server iptables -A INPUT -p tcp --dport "$PORT" -j REJECT --reject-with icmp-port-unreachable
    in_ns server ip6tables -A INPUT -p tcp --dport "$PORT" -j REJECT --reject-with icmp6-port-unreachable
    {
        in_ns server iptables-save
        in_ns server ip6tables-save
    } >"$S/server/reject-port-unreachable.rules"
    lab_env FIREWALL iptables-nft
    lab_env FIREWALL_RULES "$S/server/reject-port-unreachable.rules"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
}
