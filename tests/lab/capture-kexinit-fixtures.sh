#!/usr/bin/env bash
# Capture what sshd sends right after its identification line (its SSH_MSG_KEXINIT packet),
# from the lab's client, on Debian's OpenSSH 9.2 and, when openssh10.sh has run, on 10.0.
#
#   tests/lab/capture-kexinit-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/kexinit
#
# Each file starts with "# command/version/source/exit" lines and "# ---", then the server's
# identification line and the packet in base64 (bin/kexinit.py).
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/kexinit}
capture_init capture-kexinit-fixtures '' /tmp/sst-kexinit.XXXXXX
mkdir -p "$OUT"

capture() { # NAME [SSHD_BIN]
    local name=$1 rc=0
    up open "${2:-}"
    "$LAB" exec "$S" client -- python3 "$HERE/bin/kexinit.py" "$SERVER_ADDR" "$PORT" >"$TMP/out" 2>"$TMP/err" || rc=$?
    fixture "$name.txt" "bin/kexinit.py $SERVER_ADDR $PORT" \
        "server $("$LAB" exec "$S" server -- "${2:-/usr/sbin/sshd}" -V 2>&1 | head -n 1)" \
        "lab scenario open, from the client" "$rc" "$TMP/out" >/dev/null
    down >/dev/null
    echo "captured $name ($rc)"
}

capture openssh-9.2
if sshd10=$("$HERE/openssh10.sh" --cached); then
    capture openssh-10.0 "$sshd10"
else
    echo "no OpenSSH 10.0 (run tests/lab/openssh10.sh once): captured 9.2 only"
fi
