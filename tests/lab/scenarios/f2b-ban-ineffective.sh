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
    local client
    client=$(env_get CLIENT_ADDR)
    # A ban by hand, not by failed logins: the sshd log never names the client.
    f2b_client set sshd banip "$client" >/dev/null
    lab_wait 20 "Fail2Ban jail sshd to ban $client" f2b_banned sshd "$client"
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$client"
    lab_env BANNED_IP "$client"
    lab_env JAIL sshd
    # The banned client logs in all the same: the server only ever sees the gateway.
    f2b_ban_cannot_bite
    ! grep -qF -- " from $client " "$S/auth.log" || die "auth.log names the client's own address"
}
