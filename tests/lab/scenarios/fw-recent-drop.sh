# shellcheck shell=bash
# fw-recent-drop: the classic brute-force guard in plain iptables (nft backend):
# every NEW connection to PORT is recorded in the -m recent list SSH (--set), and
# the 4th within 60 s is dropped (--update --seconds 60 --hitcount 4 -j DROP). The
# scenario makes 3 banner connections per family, so the client's next NEW
# connection times out until 60 s pass without one (every dropped SYN counts too).
scenario_up() {
    server_up
    local tool
    for tool in iptables-restore ip6tables-restore; do
        fw_filter_table \
            "-A INPUT -p tcp -m tcp --dport $PORT -m conntrack --ctstate NEW -m recent --set --name SSH --rsource" \
            "-A INPUT -p tcp -m tcp --dport $PORT -m conntrack --ctstate NEW -m recent --update --seconds 60 --hitcount 4 --name SSH --rsource -j DROP" |
            fw_load server "fw-recent-drop.$tool" "$tool"
    done
    fw_probe_burst 198.51.100.20 "$PORT" 3
    fw_probe_burst 2001:db8:100::20 "$PORT" 3
    lab_env RECENT_LIST SSH
    lab_env RECENT_HITCOUNT 4
    lab_env RECENT_SECONDS 60
    lab_env FIREWALL iptables-nft
    fw_expect_drop drop filter/INPUT
}
