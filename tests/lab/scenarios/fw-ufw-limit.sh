# shellcheck shell=bash
# fw-ufw-limit: ufw "limit PORT/tcp" (iptables recent: --set, then --update
# --seconds 30 --hitcount 6 -j ufw-user-limit, which REJECTs with
# icmp-port-unreachable). The scenario makes a burst of UFW_LIMIT_BURST (5) banner
# connections per family from the client, so the client's next connection is the
# 6th NEW one within 30 s: ECONNREFUSED (v4 and v6). Every further attempt counts
# as a hit and keeps the block going; 30 s of quiet lifts it
# (UFW_LIMIT_BURST_EPOCH: when the burst ended).
scenario_up() {
    server_up
    ufw_up
    ufw_setup 'default deny incoming' "allow $MGMT_PORT/tcp comment management" "limit $PORT/tcp" '--force enable'
    fw_probe_burst 198.51.100.20 "$PORT" 5
    fw_probe_burst 2001:db8:100::20 "$PORT" 5
    lab_env UFW_LIMIT_BURST 5
    lab_env UFW_LIMIT_HITCOUNT 6
    lab_env UFW_LIMIT_SECONDS 30
    lab_env UFW_LIMIT_BURST_EPOCH "$(date +%s)"
    lab_env FIREWALL ufw
    lab_env FIREWALL_VERDICT reject:icmp-port-unreachable
    lab_env FIREWALL_VERDICT_CHAIN filter/ufw-user-limit
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE FirewallReject
}
