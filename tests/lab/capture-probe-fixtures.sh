#!/usr/bin/env bash
# Capture the output of the -FromHost probe script (SshTriage.Lab.Runner probe-script),
# run with sh inside the lab's client against the lab server, for the parser's tests.
#
#   tests/lab/capture-probe-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/probe
#
# Each file starts with "# command/version/source/exit" lines and "# ---".
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/probe}
SSHD=${SSHD_BIN:-} # the sshd under test: the caller's SSHD_BIN, if any
capture_init capture-probe-fixtures '' /tmp/sst-probe.XXXXXX

capture_runner
mkdir -p "$OUT"

# shellcheck disable=SC2153 # PORT comes from lab.env
capture() { # SCENARIO ADDRVAR TIMEOUT NAME
    local scenario=$1 addrvar=$2 timeout=$3 name=$4 rc=0 addr
    up "$scenario" "$SSHD"
    addr=${!addrvar}
    dotnet "$RUNNER" probe-script "$addr" "$PORT" "$timeout" >"$TMP/probe.sh"
    "$LAB" exec "$S" client -- sh -s <"$TMP/probe.sh" >"$TMP/out" 2>"$TMP/err" || rc=$?
    fixture "$name.txt" "sh -s < probe-script $addr $PORT $timeout" \
        "$(bash --version | head -n 1); server $("$LAB" exec "$S" server -- sshd -V 2>&1 | head -n 1)" \
        "lab scenario $scenario, from the client" "$rc" "$TMP/out" >/dev/null
    down >/dev/null
    echo "captured $name ($rc)"
}

capture open SERVER_ADDR 2 open
capture open SERVER_ADDR6 2 open-v6
capture refused SERVER_ADDR 2 refused
capture drop SERVER_ADDR 2 timed-out
capture not-ssh SERVER_ADDR 2 not-ssh
capture maxstartups SERVER_ADDR 2 maxstartups
capture reject-admin-prohibited SERVER_ADDR 2 admin-prohibited
