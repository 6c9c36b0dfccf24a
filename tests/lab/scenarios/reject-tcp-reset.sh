# shellcheck shell=bash
# reject-tcp-reset: sshd runs, but nftables answers the SYN with a RST, which the
# client cannot tell from "nothing listens" (ECONNREFUSED) without server evidence.
scenario_up() {
    server_up
    host_nft server reject-tcp-reset <<EOF2
table inet sst_filter {
    chain input {
        type filter hook input priority filter; policy accept;
        tcp dport $PORT reject with tcp reset
    }
}
EOF2
    lab_env FIREWALL nft
    lab_env FIREWALL_RULES "$S/server/reject-tcp-reset.nft"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
}
