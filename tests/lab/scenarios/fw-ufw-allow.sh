# shellcheck shell=bash
# fw-ufw-allow: ufw "default deny incoming" with "allow from <client> to any port
# PORT proto tcp" (v4 and v6 addresses of the client) and the management port: the
# client gets the banner (v4 and v6).
scenario_up() {
    server_up
    ufw_up
    ufw_setup 'default deny incoming' "allow $MGMT_PORT/tcp comment management" \
        "allow from 198.51.100.10 to any port $PORT proto tcp comment client-v4" \
        "allow from 2001:db8:100::10 to any port $PORT proto tcp comment client-v6" \
        '--force enable'
    lab_env FIREWALL ufw
    lab_env FIREWALL_VERDICT accept
    lab_env FIREWALL_VERDICT_CHAIN filter/ufw-user-input
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE NoCauseFound
}
