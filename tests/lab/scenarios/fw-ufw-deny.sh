# shellcheck shell=bash
# fw-ufw-deny: ufw (Debian 12's 0.36.2, iptables-nft underneath) with "default deny
# incoming" and "allow 2222/tcp" (the management sshd), no rule for PORT: the
# INPUT policy DROP (ufw's "deny") drops the SYN, the client times out (v4 and v6).
# ufw runs with lab-owned /etc/ufw, /lib/ufw and /etc/default/ufw (lib/firewall.sh).
scenario_up() {
    server_up
    ufw_up
    ufw_setup 'default deny incoming' "allow $MGMT_PORT/tcp comment management" '--force enable'
    lab_env FIREWALL ufw
    fw_expect_drop policy:DROP filter/INPUT
}
