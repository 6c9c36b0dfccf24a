# shellcheck shell=bash
# empty-password: bob's password field is empty in the lab's shadow copy, passwords are on for
# everyone (PasswordAuthentication yes), and PermitEmptyPasswords stays at its default, no: bob's
# login with his empty password is refused. sshd logs an empty password, the first one in a
# connection, as the "none" method: "Failed none for bob".
scenario_up() {
    topo_base
    server_host_up
    account_edit shadow '$1 == "bob" { $2 = "" } 1'
    mgmt_sshd_up
    sshd_start main "$PORT" "PasswordAuthentication yes"
    if client_ssh_password bob "" "$PORT"; then
        die "bob logged in with an empty password, but PermitEmptyPasswords no should refuse it"
    fi
    lab_wait 5 "sshd's refusal of bob's empty password in auth.log" grep -q "Failed none for bob from" "$S/auth.log"
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE EmptyPasswordRefused
}
