# shellcheck shell=bash
# allowusers-quiet: `AllowUsers alice carol` on the sshd under test, and nobody has
# tried to log in: auth.log has no "not allowed" line, so only the configuration
# (sshd -T -C user=bob,...) shows that bob is refused.
scenario_up() {
    server_up "AllowUsers alice carol"
    lab_env ALLOW_USERS alice,carol
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE UserNotAllowed
}
