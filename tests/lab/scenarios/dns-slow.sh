# shellcheck shell=bash
# dns-slow: sshd looks the client up (UseDNS yes) and the server's resolver is a lab address that
# never answers (203.0.113.53 on the server's loopback, where socat takes every query and answers
# none), so alice's login waits for the lookup (about 10 s at glibc's defaults) past LoginGraceTime 5.
# /etc/resolv.conf in the server is the lab's bind-mounted copy; the machine's is never touched.
scenario_up() {
    topo_base
    server_host_up
    in_ns server ip addr add 203.0.113.53/32 dev lo
    host_spawn dns-blackhole server socat -u UDP4-RECV:53,bind=203.0.113.53 OPEN:/dev/null,wronly
    printf 'nameserver 203.0.113.53\n' >"$S/server/etc/resolv.conf"
    mgmt_sshd_up
    sshd_start main "$PORT" "UseDNS yes" "LoginGraceTime 5"
    if client_ssh alice "$(env_get USER_ALICE_KEY)" "$PORT" true; then
        die "alice logged in, but the lookup should outlast LoginGraceTime"
    fi
    lab_env RESOLVER 203.0.113.53
    lab_env LOGIN_GRACE_TIME 5
    login_scenario_env alice
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE LoginDelayDns
}
