# shellcheck shell=bash
# f2b-wrong-port: the sshd under test listens on 2200 only (PORT=2200 in this
# scenario), but the jail keeps Debian's `port = ssh` (22): real failed logins on
# 2200 get the client banned, yet the iptables-multiport rule only covers
# --dports 22, so port 2200 still answers with the banner. JAIL_PORT=ssh.
scenario_up() {
    PORT=2200
    lab_env PORT "$PORT"
    server_up
    f2b_up "$(f2b_jail_text iptables-multiport ssh)"
    f2b_fail_logins 3 "$PORT"
    lab_wait 10 "the ban in iptables" f2b_iptables_has "$(env_get BANNED_IP)"
    lab_env BANACTION iptables-multiport
    lab_env FIREWALL iptables-nft
    lab_env JAIL_PORT ssh
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE Fail2BanWrongPort
}
