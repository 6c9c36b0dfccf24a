# shellcheck shell=bash
# f2b-ban-behind-nat: client R -> gateway G -> server L with a real Fail2Ban on L
# (jail sshd, iptables-multiport). First G only routes: R's failed logins reach L
# as R, and Fail2Ban bans R (enforced, REJECT in f2b-sshd). Then G starts to
# masquerade (a NAT or VPN put in front of R): R's connections now arrive as G,
# and R logs in (the scenario makes one login, logged "from 203.0.113.1"). The
# ban of R is still listed and enforced, and auth.log names R (the old failures),
# yet it cannot bite. The server's route to R goes through G. BANNED_IP =
# CLIENT_ADDR, VISIBLE_SOURCE_ADDR = GATEWAY_ADDR; G is not banned.
scenario_up() {
    topo_gateway
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT"
    f2b_up "$(f2b_jail_text iptables-multiport)"
    local client gateway
    client=$(env_get CLIENT_ADDR)
    gateway=$(env_get GATEWAY_ADDR)
    f2b_fail_logins 3 "$PORT" "$client"
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$client"
    topo_masquerade
    lab_env VISIBLE_SOURCE_ADDR "$gateway"
    lab_env VISIBLE_SOURCE_ADDR6 "$(env_get GATEWAY_ADDR6)"
    f2b_ban_cannot_bite
    grep -qF -- " from $client " "$S/auth.log" || die "auth.log should name the client's old failures"
}
