# shellcheck shell=bash
# root-login-no: PermitRootLogin no on the sshd under test; root's key login is refused:
# "ROOT LOGIN REFUSED FROM <client>".
scenario_up() {
    server_up "PermitRootLogin no"
    login_refused root "$(env_get CLIENT_KEY)" "ROOT LOGIN REFUSED FROM"
    login_scenario_env root
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE RootLoginRefused
}
