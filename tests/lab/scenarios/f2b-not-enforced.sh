# shellcheck shell=bash
# f2b-not-enforced: a real Fail2Ban (jail sshd, iptables-multiport) banned the
# client after real failed logins, then the firewall entry was removed by hand
# (`iptables -D f2b-sshd -s <client>/32 -j REJECT ...`, as a flush or a firewall
# reload would): Fail2Ban still lists the ban (status, banip, its database), the
# firewall no longer holds it, and the client gets the banner.
scenario_up() {
    server_up
    f2b_up "$(f2b_jail_text iptables-multiport)"
    f2b_fail_logins 3
    local addr
    addr=$(env_get BANNED_IP)
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$addr"
    in_ns server iptables -w -D f2b-sshd -s "$addr/32" -j REJECT --reject-with icmp-port-unreachable
    ! f2b_iptables_has "$addr" || die "the ban's iptables rule is still there"
    f2b_banned sshd "$addr" || die "Fail2Ban no longer lists $addr"
    lab_env BANACTION iptables-multiport
    lab_env FIREWALL iptables-nft
    lab_env BAN_ENFORCED 0
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE Fail2BanBanNotEnforced
}
