# shellcheck shell=bash
# shell-invalid: bob's login shell is /bin/sst-no-such-shell; sshd refuses him before any key
# is tried: "User bob not allowed because shell /bin/sst-no-such-shell does not exist".
scenario_up() {
    topo_base
    server_host_up
    account_edit passwd '$1 == "bob" { $7 = "/bin/sst-no-such-shell" } 1'
    mgmt_sshd_up
    sshd_start main "$PORT"
    login_refused bob "$(env_get USER_BOB_KEY)" "User bob not allowed because shell /bin/sst-no-such-shell does not exist"
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE ShellInvalid
}
