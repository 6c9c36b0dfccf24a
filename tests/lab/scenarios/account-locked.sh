# shellcheck shell=bash
# account-locked: bob's password locked ("!" before the hash, as usermod -L does); the lab's
# sshd runs without PAM, so it refuses bob's key login too: "User bob not allowed because
# account is locked".
scenario_up() {
    topo_base
    server_host_up
    account_edit shadow '$1 == "bob" { $2 = "!" $2 } 1'
    mgmt_sshd_up
    sshd_start main "$PORT"
    login_refused bob "$(env_get USER_BOB_KEY)" "User bob not allowed because account is locked"
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE AccountLocked
}
