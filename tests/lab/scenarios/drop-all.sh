# shellcheck shell=bash
# drop-all ("SSH is down for everyone"): sshd runs on PORT, but nftables on the
# server drops TCP to PORT from every source (with a counter), and there is NO
# management sshd: no SSH way in at all. The only access is a console:
# `lab.sh exec <statedir> server -- sh ...` (as the exported collector is run by
# hand). The client times out (v4 and v6); MGMT_PORT is not set.
scenario_up() {
    topo_base
    server_host_up
    sshd_start main "$PORT"
    host_nft server drop-all <<EOF2
table inet sst_filter {
    chain input {
        type filter hook input priority filter; policy accept;
        tcp dport $PORT counter drop comment "sst: ssh dropped for everyone"
    }
}
EOF2
    lab_env FIREWALL nft
    lab_env FIREWALL_RULES "$S/server/drop-all.nft"
    lab_env FIREWALL_VERDICT drop
    lab_env FIREWALL_VERDICT_CHAIN inet/sst_filter/input
    lab_env SERVER_ACCESS console
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE FirewallDrop
}
