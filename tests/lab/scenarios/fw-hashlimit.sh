# shellcheck shell=bash
# fw-hashlimit: iptables (nft backend) rejects NEW connections to PORT from a
# source above 1 per minute with a burst of 3 (-m hashlimit --hashlimit-above
# 1/min --hashlimit-burst 3 --hashlimit-mode srcip, tables sshlimit and sshlimit6,
# REJECT icmp(6)-port-unreachable). The scenario makes 3 banner connections per
# family, so the client's next one is refused until its credit refills (a minute
# per connection; refused attempts cost nothing).
scenario_up() {
    server_up
    local tool name with
    while read -r tool name with; do
        fw_filter_table "-A INPUT -p tcp -m tcp --dport $PORT -m conntrack --ctstate NEW -m hashlimit --hashlimit-above 1/min --hashlimit-burst 3 --hashlimit-mode srcip --hashlimit-name $name -j REJECT --reject-with $with" |
            fw_load server "fw-hashlimit.$name" "$tool"
    done <<EOF2
iptables-restore sshlimit icmp-port-unreachable
ip6tables-restore sshlimit6 icmp6-port-unreachable
EOF2
    fw_probe_burst 198.51.100.20 "$PORT" 3
    fw_probe_burst 2001:db8:100::20 "$PORT" 3
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
    lab_env HASHLIMIT_NAME sshlimit
    lab_env FIREWALL iptables-nft
    lab_env FIREWALL_VERDICT reject:icmp-port-unreachable
    lab_env FIREWALL_VERDICT_CHAIN filter/INPUT
}
