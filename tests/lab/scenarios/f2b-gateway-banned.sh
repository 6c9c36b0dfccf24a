# shellcheck shell=bash
# f2b-gateway-banned (the seed case): client R -> gateway G (masquerade) -> server
# L. Real failed logins from R reach L as G (203.0.113.1), so Fail2Ban on L (jail
# sshd, iptables-multiport) bans the gateway's address, and every client behind G
# is refused on PORT over IPv4. The client's own address appears nowhere in the
# ban list. GATEWAY_ADDR = BANNED_IP = VISIBLE_SOURCE_ADDR; IPv6 (masqueraded to
# 2001:db8:203::1, not banned) still connects. The management port stays open.
# The client runs an sshd too (client_sshd_up): L can SSH to R (FROMHOST_* keys,
# `lab.sh exec <statedir> server -- ssh -F "$FROMHOST_SSH_CONFIG" "$CLIENT_ADDR"`)
# while R cannot SSH to L, the seed's reverse path.
scenario_up() {
    topo_gateway nat
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT"
    client_sshd_up
    f2b_up "$(f2b_jail_text iptables-multiport)"
    f2b_fail_logins 3 "$PORT" "$(env_get GATEWAY_ADDR)"
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$(env_get BANNED_IP)"
    ! f2b_banned sshd "$(env_get CLIENT_ADDR)" || die "the client's own address is banned"
    lab_env BANACTION iptables-multiport
    lab_env FIREWALL iptables-nft
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE Fail2BanGatewayBanned
}
