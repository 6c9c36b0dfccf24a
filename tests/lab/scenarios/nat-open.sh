# shellcheck shell=bash
# nat-open: sshd open, but the client reaches it through a gateway that
# masquerades: the server sees (and logs, and would ban) 203.0.113.1, not the
# client. The base for the "shared gateway address banned" cases.
scenario_up() {
    topo_gateway nat
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
