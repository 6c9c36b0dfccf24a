# shellcheck shell=bash
# refused: the server host is up (its log, its mount namespace) but nothing
# listens on PORT, so the kernel answers the SYN with a RST.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    no_listener server "$PORT"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE SshdNotRunning
}
