# shellcheck shell=bash
# penalty (OpenSSH >= 10; openssh10.sh): PerSourcePenalties. The scenario fails
# one login from the client (root, wrong key); sshd records an "authfail" penalty
# of 300 s for the client's address (PerSourcePenalties authfail:300, above the
# default min:15), so every further connection from the client to PORT is
# dropped by the listener: "drop connection #N from [client]:port on [server]:22
# penalty: failed authentication". The management sshd has no penalties.
scenario_up() {
    require_openssh10
    server_up "PerSourcePenalties authfail:300"
    client_ssh root "$(env_get WRONG_KEY)" "$PORT" true || true
    # The penalty is recorded when that connection's session process exits.
    lab_wait 5 "the failed login in auth.log" grep -q "Failed publickey for root" "$S/auth.log"
    local i
    for ((i = 0; i < 20; i++)); do
        in_ns client "$LAB_PYTHON" "$LAB_DIR/bin/probe.py" "$(env_get SERVER_ADDR)" "$PORT" \
            --connect-timeout 2 --read-timeout 1 --first-line >>"$S/log/probe.log" 2>&1 || true
        grep -q "drop connection #[0-9]* from .* penalty" "$S/auth.log" && break
        sleep 0.1
    done
    grep -q "drop connection #[0-9]* from .* penalty" "$S/auth.log" || die "no penalty drop in auth.log"
    lab_env PENALTY_SEC 300
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM ClosedBeforeBanner
    lab_env EXPECT_CAUSE PerSourcePenalty
}
