# shellcheck shell=bash
# f2b-iptables: a real Fail2Ban (jail sshd, banaction iptables-multiport, the
# Debian default) bans the client after real failed logins; the ban is an
# iptables (nft backend) rule in chain f2b-sshd that REJECTs with
# icmp-port-unreachable, so the client sees ECONNREFUSED on PORT; the management
# port 2222 is not in the jail's port list and stays open.
scenario_up() {
    server_up
    f2b_up "$(f2b_jail_text iptables-multiport)"
    f2b_fail_logins 3
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$(env_get BANNED_IP)"
    f2b_ban_bites iptables-multiport iptables-nft
}
