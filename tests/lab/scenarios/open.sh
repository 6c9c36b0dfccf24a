# shellcheck shell=bash
# open: sshd listening on PORT on every address, v4 and v6. The baseline.
scenario_up() {
    server_up
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
