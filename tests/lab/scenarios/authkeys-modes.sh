# shellcheck shell=bash
# authkeys-modes: StrictModes yes, and alice's keys in ~/.ssh/authorized_keys (a Match block
# names that file for her) inside a ~/.ssh anyone may write (777): sshd ignores the file, her
# key login fails, and auth.log says "Authentication refused: bad ownership or modes". (A ~/.ssh
# only her own group may write is no refusal here: Debian's sshd accepts it.)
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    home_keys alice 777
    sshd_start main "$PORT" "StrictModes yes" -- "Match User alice" "    AuthorizedKeysFile .ssh/authorized_keys"
    login_refused alice "$(env_get USER_ALICE_KEY)" "Authentication refused: bad ownership or modes for directory /home/alice/.ssh"
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE AuthorizedKeysPermissions
}
