#!/usr/bin/env bash
# Capture whole collector outputs (evidence bundles) from lab scenarios, for the
# -EvidencePath tests: the full collector script (SshTriage.Lab.Runner collector)
# sent over the management sshd, as root and as a user without sudo.
#
#   tests/lab/capture-bundles.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/bundles
#
# Each file starts with "# command/version/source/exit" lines and "# ---"; the
# evidence reader skips everything before the collector's own header line.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LAB="$HERE/lab.sh"
OUT=${1:-$ROOT/tests/SshTriage.Core.Tests/Fixtures/bundles}
export LAB_QUIET=1
((EUID == 0)) || { echo "capture-bundles: needs root" >&2; exit 2; }

dotnet build "$ROOT/tests/SshTriage.Lab.Runner" -c Release --nologo -v quiet >/dev/null
RUNNER="$ROOT/tests/SshTriage.Lab.Runner/bin/Release/net10.0/SshTriage.Lab.Runner.dll"
WORK=$(mktemp -d /tmp/sst-bundles.XXXXXX)
S=
cleanup() {
    [[ -n $S && -f $S/lab.id ]] && "$LAB" down "$S" >/dev/null 2>&1
    rm -rf -- "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"
dotnet "$RUNNER" collector >"$WORK/collector.sh"

capture() { # SCENARIO USER KEYVAR REMOTE_COMMAND NAME
    local scenario=$1 user=$2 keyvar=$3 remote=$4 name=$5 rc=0
    S="$WORK/$scenario"
    "$LAB" up "$scenario" "$S" >/dev/null
    local env="$S/lab.env" key addr port known
    key=$(sed -n "s/^$keyvar=//p" "$env")
    addr=$(sed -n 's/^SERVER_ADDR=//p' "$env")
    port=$(sed -n 's/^MGMT_PORT=//p' "$env")
    known=$(sed -n 's/^KNOWN_HOSTS=//p' "$env")
    local cmd="ssh -T -o BatchMode=yes -i KEY -o IdentitiesOnly=yes -p $port -l $user -- $addr '$remote' < collector.sh"
    "$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -i "$key" -o IdentitiesOnly=yes \
        -o UserKnownHostsFile="$known" -o GlobalKnownHostsFile=/dev/null -p "$port" -l "$user" -- "$addr" "$remote" \
        <"$WORK/collector.sh" >"$WORK/out" 2>"$WORK/err" || rc=$?
    {
        printf '# command: %s\n' "$cmd"
        printf '# version: %s\n' "$("$LAB" exec "$S" server -- sshd -V 2>&1 | head -n1)"
        printf '# source: lab scenario %s, host sst-server, as %s\n' "$scenario" "$user$([[ $remote == sudo* ]] && echo ' with sudo -n')"
        printf '# exit: %s\n' "$rc"
        printf '# ---\n'
        cat "$WORK/out"
    } >"$OUT/$name.txt"
    "$LAB" down "$S" >/dev/null
    S=
    echo "captured $name ($rc)"
}

capture open root CLIENT_KEY 'sh -s' open-root
capture open triage USER_TRIAGE_KEY 'sh -s' open-nonroot
capture moved-port triage USER_TRIAGE_KEY 'sudo -n sh -s' moved-port-sudo
capture invalid-config root CLIENT_KEY 'sh -s' invalid-config-root
capture failed-logins root CLIENT_KEY 'sh -s' failed-logins-root
capture f2b-gateway-banned root CLIENT_KEY 'sh -s' f2b-gateway-banned-root
capture f2b-nftables root CLIENT_KEY 'sh -s' f2b-nftables-root
