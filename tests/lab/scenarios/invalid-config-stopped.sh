# shellcheck shell=bash
# invalid-config-stopped: the sshd under test is not running, and it cannot start:
# /etc/ssh/sshd_config has an unknown keyword, so `sshd -t` (and a start) fails.
# The refusal (SshdNotRunning) is the symptom; the invalid configuration explains it.
scenario_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    local cfg="$S/server/sshd-main/sshd_config"
    # In place (same inode): /etc/ssh/sshd_config in the server is a bind mount of it.
    printf 'PermitRootLogn prohibit-password\n' >>"$cfg"
    if host_exec server "$SSHD_BIN" -t >/dev/null 2>&1; then
        die "sshd -t should reject the broken config"
    fi
    no_listener server "$PORT"
    lab_env SSHD_CONFIG_ERROR_LINE "$(wc -l <"$cfg")"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE SshdConfigInvalid
}
