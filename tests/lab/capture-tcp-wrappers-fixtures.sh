#!/usr/bin/env bash
# Capture the tcp-wrappers section (Core's TcpWrappersSections) run in the lab server, for the
# parser's and TcpWrappersDeniedRule's tests: the lab's empty access files, the hosts-deny
# scenario's "sshd: ALL", a richer pair (EXCEPT, net/mask, CIDR, [IPv6]/len, address prefixes,
# host names, continued lines, ALLOW/DENY options), and hosts.deny unreadable without root.
#
#   tests/lab/capture-tcp-wrappers-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/tcp-wrappers
#
# Each file starts with "# command/version/source/exit" lines and "# ---".
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/tcp-wrappers}
capture_init capture-tcp-wrappers-fixtures '' /tmp/sst-wrappers.XXXXXX
capture_runner
mkdir -p "$OUT"

# capture NAME AS: the section, run as AS (root or triage) over the management sshd.
capture() {
    local name=$1 as=$2 version
    version="$(srv_line 'sshd -V 2>&1; true'); $(srv_line "dpkg-query -W -f='libwrap0 \${Version}' libwrap0")"
    dotnet "$RUNNER" section tcp-wrappers >"$TMP/section.sh"
    run_srv "$as" "$(cat "$TMP/section.sh")"
    fixture "$name.txt" "tcp-wrappers section (tests/SshTriage.Lab.Runner section tcp-wrappers)" \
        "$version" "lab scenario $SCENARIO, $(as_text "$as")" "$RC" "$TMP/out"
}

SCENARIO=open
up open
capture empty-files root
down

SCENARIO=hosts-deny
up hosts-deny
capture deny-all root

# The lab's own copies of the access files (bind-mounted over /etc in the server's namespace).
SCENARIO="hosts-deny, access files rewritten"
cat >"$SERVER_HOSTS_ALLOW" <<'RULES'
# Admins' network, except the client under test
sshd: 203.0.113.0/255.255.255.0 EXCEPT 203.0.113.66
sshd: [2001:db8:1::]/64, 198.51.100.128/25
# An option that denies
sshd: 198.51.100.77 : DENY
RULES
cat >"$SERVER_HOSTS_DENY" <<'RULES'
sshd: 198.51.100. EXCEPT 198.51.100.200 : spawn /bin/echo %a >>/dev/null
in.telnetd, in.ftpd EXCEPT in.ftpd: ALL
# A continued line with a host name
sshd, in.telnetd: 203.0.113.7 \
  .example.org
sshd: KNOWN
RULES
capture rules root
chmod 600 "$SERVER_HOSTS_DENY"
capture deny-unreadable triage
