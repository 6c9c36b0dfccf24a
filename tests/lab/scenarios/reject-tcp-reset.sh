# shellcheck shell=bash
# reject-tcp-reset: sshd runs, but nftables answers the SYN with a RST, which the
# client cannot tell from "nothing listens" (ECONNREFUSED) without server evidence.
scenario_up() {
    server_up
    server_nft_input reject-tcp-reset "tcp dport $PORT reject with tcp reset"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
}
