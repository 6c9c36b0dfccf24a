#!/usr/bin/env bash
# Capture auth.log from the login-stage scenarios (lib/login.sh), each of which makes sshd refuse
# one login for its own reason, on Debian's OpenSSH 9.2 and, when openssh10.sh has run, on 10.0.
#
#   tests/lab/capture-login-log-fixtures.sh [OUTDIR [SCENARIO...]]   default: tests/SshTriage.Core.Tests/Fixtures/auth-log, every scenario below
#
# One file per scenario and version (sshd92-<scenario>.txt, sshd10-<scenario>.txt), each starting
# with "# command/version/source/exit" lines and "# ---".
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/auth-log}
capture_init capture-login-log-fixtures '' /tmp/sst-login-log.XXXXXX
mkdir -p "$OUT"

SCENARIOS=(authkeys-modes account-locked account-expired shell-invalid root-login-no key-not-authorized key-type-rejected algorithm-mismatch too-many-keys empty-password grace-timeout dns-slow)
if (($# > 1)); then SCENARIOS=("${@:2}"); fi
sshd10=$("$HERE/openssh10.sh" --cached || true)
for bin in "" "$sshd10"; do
    if [[ -n $bin ]]; then prefix=sshd10 label="OpenSSH 10.0"; else prefix=sshd92 label="OpenSSH 9.2"; fi
    [[ -n $bin || $prefix == sshd92 ]] || continue
    for scenario in "${SCENARIOS[@]}"; do
        up "$scenario" "$bin"
        version=$("$LAB" exec "$S" server -- "${bin:-/usr/sbin/sshd}" -V 2>&1 | head -n 1)
        fixture "$prefix-$scenario.txt" "cat /var/log/auth.log" "$version" \
            "lab scenario $scenario, host sst-server ($label), the lab's auth.log" 0 "$S/auth.log" >/dev/null
        down >/dev/null
        echo "captured $prefix-$scenario"
    done
    [[ -n $sshd10 ]] || break
done
