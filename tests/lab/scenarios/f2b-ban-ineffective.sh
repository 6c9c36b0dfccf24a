# shellcheck shell=bash
# f2b-ban-ineffective ("Fail2Ban behind a reverse proxy" seed): client R ->
# gateway/proxy G (masquerade) -> server L, a real Fail2Ban on L (jail sshd,
# iptables-multiport). R's OWN address is banned on L, as if another log source
# (a web app behind the proxy) had reported it: `fail2ban-client set sshd banip
# <client>`, enforced by a REJECT in chain f2b-sshd. The ban cannot bite: R's
# connections arrive as G (203.0.113.1), so R still logs in on PORT; the scenario
# makes one real login after the ban, so auth.log shows the gateway's address,
# never the client's. The gateway is not banned. BANNED_IP = CLIENT_ADDR,
# VISIBLE_SOURCE_ADDR = GATEWAY_ADDR. The management port stays open.
scenario_up() {
    topo_gateway nat
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT"
    f2b_up "$(f2b_jail_text iptables-multiport)"
    local client gateway
    client=$(env_get CLIENT_ADDR)
    gateway=$(env_get GATEWAY_ADDR)
    # A ban by hand, not by failed logins: the sshd log never names the client.
    f2b_client set sshd banip "$client" >/dev/null
    lab_wait 20 "Fail2Ban jail sshd to ban $client" f2b_banned sshd "$client"
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$client"
    lab_env BANNED_IP "$client"
    lab_env JAIL sshd
    # The banned client logs in all the same: the server only ever sees the gateway.
    client_ssh root "$(env_get CLIENT_KEY)" "$PORT" true || die "the banned client could not log in through the gateway"
    lab_wait 10 "auth.log to show the login from $gateway" \
        grep -qE "sshd(-session)?\[[0-9]+\]: Accepted publickey for root from ${gateway//./\\.} port" "$S/auth.log"
    ! grep -qF -- " from $client " "$S/auth.log" || die "auth.log names the client's own address"
    ! f2b_banned sshd "$gateway" || die "the gateway's address is banned"
    lab_env BANACTION iptables-multiport
    lab_env FIREWALL iptables-nft
    lab_env BAN_ENFORCED 1
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE Fail2BanBanIneffective
}
