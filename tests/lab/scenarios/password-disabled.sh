# shellcheck shell=bash
# password-disabled: the lab's sshd takes keys only (PasswordAuthentication and
# KbdInteractiveAuthentication no), and bob has no authorized key: his password login is
# refused with "Permission denied (publickey)" whatever he types.
scenario_up() {
    topo_base
    server_host_up
    : >"$S/server/authorized_keys.d/bob"
    mgmt_sshd_up
    sshd_start main "$PORT"
    if client_ssh_password bob "$(env_get USER_BOB_PASSWORD)" "$PORT"; then
        die "bob logged in with a password, but the scenario should refuse it"
    fi
    login_scenario_env bob
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE PasswordAuthDisabled
}
