#!/usr/bin/env bash
# Capture the output of the -FromHost probe script (SshTriage.Lab.Runner probe-script),
# run with sh inside the lab's client against the lab server, for the parser's tests.
#
#   tests/lab/capture-probe-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/probe
#
# Each file starts with "# command/version/source/exit" lines and "# ---".
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LAB="$HERE/lab.sh"
OUT=${1:-$ROOT/tests/SshTriage.Core.Tests/Fixtures/probe}
export LAB_QUIET=1
((EUID == 0)) || { echo "capture-probe-fixtures: needs root" >&2; exit 2; }

dotnet build "$ROOT/tests/SshTriage.Lab.Runner" -c Release --nologo -v quiet >/dev/null
RUNNER="$ROOT/tests/SshTriage.Lab.Runner/bin/Release/net10.0/SshTriage.Lab.Runner.dll"
WORK=$(mktemp -d /tmp/sst-probe.XXXXXX)
S=
cleanup() {
    [[ -n $S && -f $S/lab.id ]] && "$LAB" down "$S" >/dev/null 2>&1
    rm -rf -- "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

capture() { # SCENARIO ADDRVAR TIMEOUT NAME
    local scenario=$1 addrvar=$2 timeout=$3 name=$4 rc=0 addr port
    S="$WORK/$scenario"
    "$LAB" up "$scenario" "$S" >/dev/null
    addr=$(sed -n "s/^$addrvar=//p" "$S/lab.env")
    port=$(sed -n 's/^PORT=//p' "$S/lab.env")
    dotnet "$RUNNER" probe-script "$addr" "$port" "$timeout" >"$WORK/probe.sh"
    "$LAB" exec "$S" client -- sh -s <"$WORK/probe.sh" >"$WORK/out" 2>"$WORK/err" || rc=$?
    {
        printf '# command: sh -s < probe-script %s %s %s\n' "$addr" "$port" "$timeout"
        printf '# version: %s; server %s\n' "$(bash --version | head -n 1)" "$("$LAB" exec "$S" server -- sshd -V 2>&1 | head -n 1)"
        printf '# source: lab scenario %s, from the client\n' "$scenario"
        printf '# exit: %s\n' "$rc"
        printf '# ---\n'
        cat "$WORK/out"
    } >"$OUT/$name.txt"
    "$LAB" down "$S" >/dev/null
    S=
    echo "captured $name ($rc)"
}

capture open SERVER_ADDR 2 open
capture open SERVER_ADDR6 2 open-v6
capture refused SERVER_ADDR 2 refused
capture drop SERVER_ADDR 2 timed-out
capture not-ssh SERVER_ADDR 2 not-ssh
capture maxstartups SERVER_ADDR 2 maxstartups
capture reject-admin-prohibited SERVER_ADDR 2 admin-prohibited
