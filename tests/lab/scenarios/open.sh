# shellcheck shell=bash
# open: sshd listening on PORT on every address, v4 and v6. The baseline.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
