# shellcheck shell=bash
# moved-port: the sshd under test runs, but on port 2200 only (Port 2200 in
# /etc/ssh/sshd_config); the client tries PORT (22) and is refused. SSHD_PORT=2200.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main 2200
    no_listener server "$PORT"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE NotListeningOnPort
}
