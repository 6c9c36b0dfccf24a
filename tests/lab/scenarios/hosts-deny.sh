# shellcheck shell=bash
# hosts-deny: TCP wrappers (sshd 9.2 on Debian is linked with libwrap) deny
# everyone. The connection is accepted, then libwrap's refuse() logs, sleeps 5 s
# and exits without a byte: a probe must wait longer than 5 s to see the close.
scenario_up() {
    topo_base
    server_host_up
    printf 'sshd: ALL\n' >"$S/server/etc/hosts.deny"
    sshd_start main "$PORT"
    lab_env WRAPPER_CLOSE_DELAY_SEC 5
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM ClosedBeforeBanner
    lab_env EXPECT_CAUSE TcpWrappers
}
