#!/usr/bin/env bash
# Capture what sshd itself logs for clients whose user names carry another address
# ("x from 203.0.113.66 port 1 ssh2"), for the log parser's tests: the failed-logins
# scenario (MaxAuthTries 2, passwords allowed) under OpenSSH 9.2 and, when
# tests/lab/openssh10.sh has unpacked it, 10. The client is 198.51.100.10 and
# 2001:db8:100::10; the addresses in the names are never the client's.
#
#   tests/lab/capture-hostile-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES}
capture_init capture-hostile-fixtures /tmp/sst-hostile /tmp/sst-hostile-capture.XXXXXX
SSHD10=$("$HERE/openssh10.sh" --cached 2>/dev/null || true)

# attempt ADDR USER [SSH OPTION...]: one login to ADDR as USER that fails (a key the
# server does not know; extra options such as more keys or a password prompt follow).
# shellcheck disable=SC2153 # the upper-case names come from lab.env
attempt() {
    local addr=$1 user=$2
    shift 2
    "$LAB" exec "$S" client -- timeout 20 ssh -F /dev/null -T -o ConnectTimeout=5 \
        -o IdentitiesOnly=yes -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null \
        -o StrictHostKeyChecking=yes -i "$WRONG_KEY" "$@" -p "$PORT" -l "$user" -- "$addr" true \
        </dev/null >/dev/null 2>&1 || true
}

# password_attempt ADDR USER: one wrong password through SSH_ASKPASS (no tty).
password_attempt() {
    printf '#!/bin/sh\necho wrong-password\n' >"$TMP/askpass"
    chmod 0755 "$TMP/askpass"
    SSH_ASKPASS=$TMP/askpass SSH_ASKPASS_REQUIRE=force DISPLAY='' \
        attempt "$1" "$2" -o BatchMode=no -o PreferredAuthentications=password \
        -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1
}

capture() { # GEN
    attempt "$SERVER_ADDR" 'x from 203.0.113.66 port 1' -o BatchMode=yes
    attempt "$SERVER_ADDR" 'k from 203.0.113.66 port 2 ssh2: ED25519 SHA256:forged' -o BatchMode=yes
    password_attempt "$SERVER_ADDR" 'p from 203.0.113.66 port 3 ssh2'
    attempt "$SERVER_ADDR" 'm from 203.0.113.66 port 4' -o BatchMode=yes \
        -i "$S/client/id_wrong2" -i "$S/client/id_wrong3"
    attempt "$SERVER_ADDR" 'from 203.0.113.66 port 5' -o BatchMode=yes
    attempt "$SERVER_ADDR" 'o from 203.0.113.66 port 99999999999' -o BatchMode=yes
    attempt "$SERVER_ADDR" 'd from 203.0.113.66 port ٤٢' -o BatchMode=yes
    attempt "$SERVER_ADDR6" 'six from 2001:db8::66 port 6' -o BatchMode=yes
    password_attempt "$SERVER_ADDR6" 'q from 203.0.113.66 port 7'
    sleep 0.5
    local version
    version=$(srv_line 'sshd -V 2>&1')
    run_srv root 'cat /var/log/auth.log'
    fixture "auth-log/$1-hostile-names.txt" 'cat /var/log/auth.log' "$version" \
        "lab scenario $SCENARIO, host $SERVER_HOSTNAME (OpenSSH $SSHD_VERSION), as $(as_text root); then failed logins from $CLIENT_ADDR and $CLIENT_ADDR6 as users whose names carry 203.0.113.66 or 2001:db8::66" \
        0 "$TMP/out"
}

up failed-logins
capture sshd92
down

if [[ -n $SSHD10 ]]; then
    up failed-logins "$SSHD10"
    capture sshd10
    down
else
    echo "capture-hostile-fixtures: OpenSSH 10 not unpacked (tests/lab/openssh10.sh): no sshd10 fixture" >&2
fi
