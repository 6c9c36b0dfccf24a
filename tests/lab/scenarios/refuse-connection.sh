# shellcheck shell=bash
# refuse-connection (OpenSSH >= 10; openssh10.sh): `RefuseConnection yes` in a
# `Match Address <client>` block of the sshd under test. The banner and key
# exchange still happen (a port probe sees an open SSH server); once the client
# names its user, sshd-session logs "administratively prohibited connection for
# <user> from <client> port N" and closes: ssh prints "Connection closed by
# <server> port 22" (exit 255). It would also record a "refuseconnection"
# penalty; PerSourcePenalties no here, so every test sees the refusal itself.
# The scenario makes one attempt so the log already shows it.
scenario_up() {
    require_openssh10
    topo_base
    server_host_up
    mgmt_sshd_up
    local c4 c6
    c4=$(env_get CLIENT_ADDR)
    c6=$(env_get CLIENT_ADDR6)
    sshd_start main "$PORT" "PerSourcePenalties no" -- \
        "Match Address $c4,$c6" \
        "    RefuseConnection yes"
    login_refused root "$(env_get CLIENT_KEY)" "administratively prohibited connection for root"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE RefusedByConfig
}
