# shellcheck shell=bash
# match-block: the sshd under test has Match blocks, so the effective config for
# a connection (`sshd -T -C user=alice,host=client,addr=198.51.100.10`) differs
# from the global one (`sshd -T`):
#   Match User alice            PasswordAuthentication yes, MaxAuthTries 2
#   Match Address <client>      PermitRootLogin no, DenyUsers bob
# So root (key) and bob are refused from the client while alice and triage log in.
# The scenario makes one root login attempt, so the log shows the refusal.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT" -- \
        "Match User alice" \
        "    PasswordAuthentication yes" \
        "    MaxAuthTries 2" \
        "$(client_match_address)" \
        "    PermitRootLogin no" \
        "    DenyUsers bob"
    login_refused root "$(env_get CLIENT_KEY)" "ROOT LOGIN REFUSED|Failed publickey for root"
    lab_env MATCH_CONNECTION "user=alice,host=client,addr=$(env_get CLIENT_ADDR)"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
