# shellcheck shell=bash
# drop: sshd runs; nftables silently drops the SYN, so the client times out.
scenario_up() {
    server_up
    server_nft_input drop "tcp dport $PORT drop"
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE FirewallDrop
}
