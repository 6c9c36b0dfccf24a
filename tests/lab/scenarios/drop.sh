# shellcheck shell=bash
# drop: sshd runs; nftables silently drops the SYN, so the client times out.
scenario_up() {
    server_up
    host_nft server drop <<EOF2
table inet sst_filter {
    chain input {
        type filter hook input priority filter; policy accept;
        tcp dport $PORT drop
    }
}
EOF2
    lab_env FIREWALL nft
    lab_env FIREWALL_RULES "$S/server/drop.nft"
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE FirewallDrop
}
