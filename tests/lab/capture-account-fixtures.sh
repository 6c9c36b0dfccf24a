#!/usr/bin/env bash
# Capture the account section (Core's AccountSections.Account) run in the lab server, for the
# parser's and the login rules' tests: a plain account, StrictModes-breaking modes, a locked and
# expired account with a missing shell under a nologin file, a user that does not exist, what
# a user without root can read, and an empty password field (scenario empty-password).
#
#   tests/lab/capture-account-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/account
#
# Each file starts with "# command/version/source/exit" lines and "# ---".
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/account}
capture_init capture-account-fixtures '' /tmp/sst-account.XXXXXX
capture_runner
mkdir -p "$OUT"

# capture NAME USER AS: the section for USER, run as AS (root or triage) over the management sshd.
capture() {
    local name=$1 user=$2 as=$3 version
    version="$(srv_line 'sshd -V 2>&1; true'); $(srv_line "dpkg-query -W -f='passwd \${Version}' passwd")"
    dotnet "$RUNNER" account-section "$user" "$CLIENT_ADDR" >"$TMP/section.sh"
    run_srv "$as" "$(cat "$TMP/section.sh")"
    fixture "$name.txt" "account section for $user (tests/SshTriage.Lab.Runner account-section $user $CLIENT_ADDR)" \
        "$version" "lab scenario $scenario, $(as_text "$as")" "$RC" "$TMP/out"
}

scenario=open
up "$scenario"
capture alice-default alice root
capture alice-nonroot alice triage
capture missing-user nosuchuser root

# StrictModes: alice's keys in ~/.ssh/authorized_keys (a Match block), ~/.ssh writable by her own
# group (Debian's sshd accepts that, upstream's does not), then by everyone.
run_srv root "mkdir -p /home/alice/.ssh
cp /etc/ssh/authorized_keys.d/alice /home/alice/.ssh/authorized_keys
printf 'from=\"198.51.100.0/24\",no-pty %s\n' \"\$(cat /etc/ssh/authorized_keys.d/alice)\" >>/home/alice/.ssh/authorized_keys
chown -R alice:alice /home/alice/.ssh
chmod 775 /home/alice/.ssh
printf 'Match User alice\n    AuthorizedKeysFile .ssh/authorized_keys\n' >>/etc/ssh/sshd_config"
capture alice-ssh-group-writable alice root
run_srv root "chmod 777 /home/alice/.ssh"
capture alice-ssh-world-writable alice root

# bob: password locked (a "!" before the hash), account expired (2020-01-01 is day 18262), a shell
# that does not exist, and /run/nologin present. Only lab-private files change: passwd and shadow
# are the lab's bind-mounted copies (usermod cannot replace them, so they are rewritten in place),
# and the lab server's /run is its own tmpfs (/etc is the machine's: /etc/nologin is never written).
# A nologin file shuts triage out too, so this one is run as root at the server's console, as an
# admin would when SSH refuses everyone.
dotnet "$RUNNER" account-section bob "$CLIENT_ADDR" >"$TMP/section.sh"
version=$("$LAB" exec "$S" server -- sh -c "sshd -V 2>&1 | head -n 1 | tr -d '\n'; printf '; '; dpkg-query -W -f='passwd \${Version}' passwd")
"$LAB" exec "$S" server -- sh -c '
s=$(awk -F: -v OFS=: '"'"'$1 == "bob" { $2 = "!" $2; $8 = 18262 } 1'"'"' /etc/shadow) && printf "%s\n" "$s" >/etc/shadow &&
p=$(awk -F: -v OFS=: '"'"'$1 == "bob" { $7 = "/bin/sst-no-such-shell" } 1'"'"' /etc/passwd) && printf "%s\n" "$p" >/etc/passwd &&
echo maintenance >/run/nologin'
RC=0
"$LAB" exec "$S" server -- sh -s <"$TMP/section.sh" >"$TMP/out" 2>"$TMP/err" || RC=$?
fixture bob-locked-expired.txt "account section for bob (tests/SshTriage.Lab.Runner account-section bob $CLIENT_ADDR)" \
    "$version" "lab scenario open, root at the server's console (lab.sh exec server -- sh -s)" "$RC" "$TMP/out"
down >/dev/null

# bob with an empty password field (the lab's shadow copy, as the scenario writes it).
scenario=empty-password
up "$scenario"
capture bob-empty-password bob root
down >/dev/null
