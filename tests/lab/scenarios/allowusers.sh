# shellcheck shell=bash
# allowusers: `AllowUsers alice` on the sshd under test. The scenario makes bob
# log in with his (authorized) key from the client, so auth.log holds
# "User bob from <client> not allowed because not listed in AllowUsers".
scenario_up() {
    server_up "AllowUsers alice"
    login_refused bob "$(env_get USER_BOB_KEY)" "User bob from .* not allowed because not listed in AllowUsers"
    lab_env ALLOW_USERS alice
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE UserNotAllowed
}
