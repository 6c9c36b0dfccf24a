# shellcheck shell=bash
# f2b-ignoreip: a hand-written jail.local (comments, blank lines, a [DEFAULT]
# ignoreip continued over two lines, a commented-out ignoreip in [sshd]) for the
# module's ignoreip editing (Unblock-Fail2BanIp -AddToIgnoreList must keep every
# other byte). The client is not in ignoreip and is banned after real failed logins
# (iptables-multiport): ECONNREFUSED on PORT. F2B_JAIL_LOCAL is the file
# (= /etc/fail2ban/jail.local in the server); F2B_IGNOREIP the effective list.
scenario_up() {
    server_up
    f2b_up <<'EOF2'
# /etc/fail2ban/jail.local: local overrides (jail.conf stays Debian's).
# Edited by hand; keep the comments.

[DEFAULT]
# Never ban localhost, the monitoring host and the admin VPN.
ignoreip = 127.0.0.1/8 ::1 203.0.113.50
           2001:db8:203::/64
ignoreself = true

bantime  = 1h
findtime = 1d
maxretry = 3
backend  = pyinotify
banaction = iptables-multiport

[sshd]
# SSH brute force: the stock filter over Debian's /var/log/auth.log.
enabled = true
port    = ssh
#ignoreip = 198.51.100.0/24
# mode  = aggressive
EOF2
    f2b_fail_logins 3
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$(env_get BANNED_IP)"
    lab_env F2B_IGNOREIP "127.0.0.1/8,::1,203.0.113.50,2001:db8:203::/64"
    f2b_ban_bites iptables-multiport iptables-nft
}
