# shellcheck shell=bash
# privsep-missing: the sshd under test is not running, and `sshd -t` fails with
# "Missing privilege separation directory: /run/sshd" although sshd_config is
# valid: what a server shows when sshd is started by hand after its service
# stopped (RuntimeDirectory removed it) or /run was mounted over. The management
# sshd needs /run/sshd itself, so only what runs for the triage hides it: root's
# management sessions (the collector) and LOCAL_WRAPPER (for -Local runs) run in a
# mount namespace of their own whose /run is an empty tmpfs.
scenario_up() {
    topo_base
    server_host_up
    local wrapper="$S/server/bin/without-run"
    cat >"$wrapper" <<'EOF2'
#!/bin/sh
# sst lab: run a command in a mount namespace of its own whose /run is empty, so
# /run/sshd (sshd's privilege separation directory) is missing for it.
exec unshare -m --propagation private sh -c 'mount -t tmpfs sst-lab-run /run && exec "$@"' without-run "$@"
EOF2
    chmod 0755 "$wrapper"
    MGMT_SSHD_MATCH=("Match User root" "    ForceCommand $wrapper sh -c \"\$SSH_ORIGINAL_COMMAND\"")
    mgmt_sshd_up
    host_exec server "$SSHD_BIN" -t || die "the sshd under test's config should be valid"
    local r
    r=$(host_exec server "$wrapper" "$SSHD_BIN" -t 2>&1) && die "sshd -t should fail without /run/sshd"
    [[ $r == *"Missing privilege separation directory: /run/sshd"* ]] || die "sshd -t said: $r"
    lab_env LOCAL_WRAPPER "$wrapper"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ECONNREFUSED
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE SshdConfigInvalid
}
