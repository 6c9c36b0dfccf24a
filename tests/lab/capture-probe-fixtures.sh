#!/usr/bin/env bash
# Capture the output of the -FromHost probe script (SshTriage.Lab.Runner probe-script),
# run with sh inside the lab's client against the lab server, for the parser's tests.
#
#   tests/lab/capture-probe-fixtures.sh [OUTDIR [NAME...]]   default: tests/SshTriage.Core.Tests/Fixtures/probe, every fixture
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
WANTED=" ${*:2} "
wanted() { [[ $WANTED == "  " || $WANTED == *" $1 "* ]]; }

capture() { # SCENARIO ADDRVAR TIMEOUT NAME
    local scenario=$1 addrvar=$2 timeout=$3 name=$4 rc=0 addr
    wanted "$name" || return 0
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

# The failing client's own side (ssh -G, ssh-keygen -l -F) as the probe script reads it after the
# probes: root on the client in host-key-changed (other keys for the server in known_hosts), with a
# ~/.ssh/config that forces HostKeyAlgorithms ssh-rsa and names two identities. Run in the client
# sshd's mount namespace, where root's home is the lab's (never the machine's /root).
capture_client_side() { # NAME
    local name=$1 rc=0
    wanted "$name" || return 0
    up host-key-changed "$SSHD"
    printf 'Host *\n    HostKeyAlgorithms ssh-rsa\n    IdentityFile ~/.ssh/id_one\n    IdentityFile ~/.ssh/id_two\n' >"$S/client-sshd/root/.ssh/config"
    dotnet "$RUNNER" probe-script "$SERVER_ADDR" "$PORT" 2 >"$TMP/probe.sh"
    "$LAB" exec "$S" client-sshd -- sh -s <"$TMP/probe.sh" >"$TMP/out" 2>"$TMP/err" || rc=$?
    fixture "$name.txt" "sh -s < probe-script $SERVER_ADDR $PORT 2" \
        "$(bash --version | head -n 1); $(ssh -V 2>&1); server $("$LAB" exec "$S" server -- sshd -V 2>&1 | head -n 1)" \
        "lab scenario host-key-changed, from the client as root, ~/.ssh/config forcing HostKeyAlgorithms ssh-rsa" "$rc" "$TMP/out" >/dev/null
    "$LAB" exec "$S" server -- sh -c 'for k in $(sshd -T | awk "\$1 == \"hostkey\" { print \$2 }"); do ssh-keygen -lf "$k.pub"; done' >"$TMP/keys" 2>&1 || rc=$?
    fixture "$name-server-host-keys.txt" "the sshd-host-keys section (ssh-keygen -lf of each sshd -T hostkey)" \
        "$(ssh -V 2>&1)" "lab scenario host-key-changed, the server" "$rc" "$TMP/keys" >/dev/null
    down >/dev/null
    echo "captured $name ($rc)"
}
capture_client_side client-side
