# shellcheck shell=bash
# hosts-deny-network: TCP wrappers deny the client's network only, and nothing has been
# refused yet, so the log holds no "refused connect" line: the files decide. hosts.allow
# admits 203.0.113.0/24 (not the client); hosts.deny denies 198.51.100.0/255.255.255.0
# except the server's own address, with a host-name rule after it that decides nothing
# for the client. Only the daemon "sshd" is named, so the management sshd is not refused.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    printf 'sshd: 203.0.113.0/24\n' >"$S/server/etc/hosts.allow"
    printf 'sshd: 198.51.100.0/255.255.255.0 EXCEPT %s\nsshd: .example.org\n' "$(env_get SERVER_ADDR)" >"$S/server/etc/hosts.deny"
    sshd_start main "$PORT"
    lab_env WRAPPER_CLOSE_DELAY_SEC 5
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_SYMPTOM ClosedBeforeBanner
    lab_env EXPECT_CAUSE TcpWrappersDenied
}
