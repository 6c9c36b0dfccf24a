# shellcheck shell=bash
# hosts-deny: TCP wrappers (sshd 9.2 on Debian is linked with libwrap) deny
# everyone. The connection is accepted, then libwrap's refuse() logs, sleeps 5 s
# and exits without a byte: a probe must wait longer than 5 s to see the close.
# hosts.deny names the daemon "sshd", so the management sshd (sshd-mgmt) is not
# refused.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    printf 'sshd: ALL\n' >"$S/server/etc/hosts.deny"
    sshd_start main "$PORT"
    # One probe, so the log already holds libwrap's "refused connect from" line
    # (logged at accept; the refused child then sleeps 5 s and exits).
    in_ns client "$LAB_PYTHON" "$LAB_DIR/bin/probe.py" "$(env_get SERVER_ADDR)" "$PORT" \
        --connect-timeout 2 --read-timeout 0.2 >>"$S/log/probe.log" 2>&1 || true
    lab_wait 5 "libwrap's refusal in auth.log" grep -q "refused connect from" "$S/auth.log"
    lab_env WRAPPER_CLOSE_DELAY_SEC 5
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM ClosedBeforeBanner
    lab_env EXPECT_CAUSE TcpWrappersDenied
}
