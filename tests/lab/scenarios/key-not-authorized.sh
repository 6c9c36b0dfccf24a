# shellcheck shell=bash
# key-not-authorized: alice offers WRONG_KEY, a key authorized for nobody: "Failed publickey
# for alice". The diagnosis gets that key's .pub as -ClientKey (CLIENT_PUBLIC_KEY).
scenario_up() {
    server_up
    login_refused alice "$(env_get WRONG_KEY)" "Failed publickey for alice from"
    lab_env CLIENT_PUBLIC_KEY "$(env_get WRONG_KEY).pub"
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE PublicKeyNotAuthorized
}
