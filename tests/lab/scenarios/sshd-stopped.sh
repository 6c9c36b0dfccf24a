# shellcheck shell=bash
# sshd-stopped: the server host is up with the management sshd on 2222 and the
# config of the sshd under test in /etc/ssh/sshd_config (valid), but that sshd is
# not running: the kernel answers the SYN on PORT with a RST.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    host_exec server "$SSHD_BIN" -t || die "the sshd under test's config should be valid"
    no_listener server "$PORT"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE SshdNotRunning
}
