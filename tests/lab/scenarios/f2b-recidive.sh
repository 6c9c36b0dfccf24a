# shellcheck shell=bash
# f2b-recidive: two jails. sshd (iptables-multiport) bans the client after real
# failed logins; recidive (Debian's stock jail: filter recidive over
# /var/log/fail2ban.log, here maxretry 1, bantime 1w) then bans it again from
# Fail2Ban's own "[sshd] Ban" line. recidive's banaction is iptables-multiport on
# port ssh, not Debian's allports, so the management port 2222 stays reachable.
# The client is in both ban lists and both chains (f2b-sshd, f2b-recidive).
scenario_up() {
    server_up
    f2b_up "$(f2b_jail_text iptables-multiport)" "" \
        "[recidive]" "enabled  = true" "port     = ssh" "banaction = iptables-multiport" \
        "maxretry = 1" "findtime = 1d" "bantime  = 1w"
    f2b_fail_logins 3
    local addr
    addr=$(env_get BANNED_IP)
    lab_wait 20 "Fail2Ban jail recidive to ban $addr" f2b_banned recidive "$addr"
    lab_wait 10 "the sshd ban in iptables" f2b_iptables_has "$addr" f2b-sshd
    lab_wait 10 "the recidive ban in iptables" f2b_iptables_has "$addr" f2b-recidive
    lab_env JAILS sshd,recidive
    f2b_ban_bites iptables-multiport iptables-nft
}
