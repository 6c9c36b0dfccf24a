# shellcheck shell=bash
# match-denygroups: `DenyGroups contractors` only in a `Match Address <client>`
# block; bob is a supplementary member of contractors (lib/users.sh). The global
# `sshd -T` shows no DenyGroups; `sshd -T -C user=bob,host=<client>,addr=<client>`
# does, and bob's groups come from the server (id -Gn bob). Nobody tries to log
# in, so the log has no "not allowed" line.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT" -- "$(client_match_address)" "    DenyGroups contractors"
    local c4
    c4=$(env_get CLIENT_ADDR)
    lab_env DENY_GROUPS contractors
    lab_env MATCH_CONNECTION "user=bob,host=$c4,addr=$c4"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE UserNotAllowed
}
