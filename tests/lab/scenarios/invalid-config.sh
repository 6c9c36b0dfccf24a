# shellcheck shell=bash
# invalid-config: the sshd under test was started from a valid config; then
# /etc/ssh/sshd_config (the same file, rewritten in place) got an unknown keyword.
# The running daemon keeps its config (each connection gets it from the
# listener), so logins still work, but `sshd -t` fails and a restart would fail.
# SSHD_CONFIG_RUNNING is a copy of what the daemon runs with.
scenario_up() {
    server_up
    local cfg="$S/server/sshd-main/sshd_config"
    cp -- "$cfg" "$S/server/sshd-main/sshd_config.running"
    # In place (same inode): /etc/ssh/sshd_config in the server is a bind mount of it.
    printf 'PermitRootLogn prohibit-password\n' >>"$cfg"
    if host_exec server "$SSHD_BIN" -t >/dev/null 2>&1; then
        die "sshd -t should reject the broken config"
    fi
    lab_env SSHD_CONFIG_RUNNING "$S/server/sshd-main/sshd_config.running"
    lab_env SSHD_CONFIG_ERROR_LINE "$(wc -l <"$cfg")"
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE SshdConfigInvalid
}
