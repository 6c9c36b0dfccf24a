# shellcheck shell=bash
# account-expired: bob's account expired on 2020-01-01 (shadow's expiry field: day 18262, as
# chage -E does); sshd refuses his key login.
scenario_up() {
    topo_base
    server_host_up
    account_edit shadow '$1 == "bob" { $8 = 18262 } 1'
    mgmt_sshd_up
    sshd_start main "$PORT"
    login_refused bob "$(env_get USER_BOB_KEY)" "Account bob has expired|User bob not allowed because account has expired"
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE AccountExpired
}
