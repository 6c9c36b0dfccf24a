# shellcheck shell=bash
# f2b-ipset: a real Fail2Ban (jail sshd, banaction iptables-ipset-proto6, Debian
# package ipset) bans the client after real failed logins; the ban is a member of
# the ipset f2b-sshd (hash:ip, timeout 0), matched by `-A INPUT -p tcp -m
# multiport --dports 22 -m set --match-set f2b-sshd src -j REJECT --reject-with
# icmp-port-unreachable`, so the client sees ECONNREFUSED on PORT.
scenario_up() {
    command -v ipset >/dev/null || die "scenario f2b-ipset needs the ipset command (Debian package ipset)"
    server_up
    f2b_up "$(f2b_jail_text iptables-ipset-proto6)"
    f2b_fail_logins 3
    lab_wait 10 "the ban in the ipset" f2b_ipset_has "$(env_get BANNED_IP)"
    lab_env F2B_IPSET f2b-sshd
    f2b_ban_bites iptables-ipset-proto6 iptables-nft+ipset
}
