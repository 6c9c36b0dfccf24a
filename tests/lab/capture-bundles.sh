#!/usr/bin/env bash
# Capture whole collector outputs (evidence bundles) from lab scenarios, for the
# -EvidencePath tests: the full collector script (SshTriage.Lab.Runner collector)
# sent over the management sshd, as root and as a user without sudo; and
# Find-SshRejectCause's own collector for a client (SshTriage.Lab.Runner
# cause-collector: the client's route, sshd -T -C for it, its user's groups).
#
#   tests/lab/capture-bundles.sh [OUTDIR [NAME...]]   default: tests/SshTriage.Core.Tests/Fixtures/bundles, every bundle
#
# Each file starts with "# command/version/source/exit" lines and "# ---"; the
# evidence reader skips everything before the collector's own header line.
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/bundles}
SSHD=${SSHD_BIN:-} # the sshd under test: the caller's SSHD_BIN, if any
capture_init capture-bundles '' /tmp/sst-bundles.XXXXXX

capture_runner
mkdir -p "$OUT"
dotnet "$RUNNER" collector >"$TMP/collector.sh"

shift $(($# > 0 ? 1 : 0))
WANTED=" $* "

capture() { # SCENARIO USER KEYVAR REMOTE_COMMAND NAME [CLIENT_USER]: only the NAMEs asked for, when any were
    local scenario=$1 user=$2 keyvar=$3 remote=$4 name=$5 client_user=${6:-} rc=0 script=collector.sh
    [[ $WANTED == "  " || $WANTED == *" $name "* ]] || return 0
    up "$scenario" "$SSHD"
    if [[ -n $client_user ]]; then
        # Find-SshRejectCause's collector for the client and its user, as -Local runs it.
        script="cause-collector-$client_user.sh"
        dotnet "$RUNNER" cause-collector --client "$CLIENT_ADDR" --client-user "$client_user" --port "$PORT" >"$TMP/$script"
    fi
    local cmd="ssh -T -o BatchMode=yes -i KEY -o IdentitiesOnly=yes -p $MGMT_PORT -l $user -- $SERVER_ADDR '$remote' < $script"
    "$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -i "${!keyvar}" -o IdentitiesOnly=yes \
        -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null -p "$MGMT_PORT" -l "$user" -- "$SERVER_ADDR" "$remote" \
        <"$TMP/$script" >"$TMP/out" 2>"$TMP/err" || rc=$?
    fixture "$name.txt" "$cmd" "$("$LAB" exec "$S" server -- sshd -V 2>&1 | head -n1)" \
        "lab scenario $scenario, host sst-server, as $user$([[ $remote == sudo* ]] && echo ' with sudo -n')$([[ ${LAB_JOURNAL:-0} == 1 ]] && echo ", journal only (LAB_JOURNAL=1: $(journalctl --version | head -n 1), systemd-journal-remote)")" \
        "$rc" "$TMP/out" >/dev/null
    down >/dev/null
    echo "captured $name ($rc)"
}

capture open root CLIENT_KEY 'sh -s' open-root
capture open triage USER_TRIAGE_KEY 'sh -s' open-nonroot
capture moved-port triage USER_TRIAGE_KEY 'sudo -n sh -s' moved-port-sudo
capture invalid-config root CLIENT_KEY 'sh -s' invalid-config-root
capture failed-logins root CLIENT_KEY 'sh -s' failed-logins-root
capture f2b-gateway-banned root CLIENT_KEY 'sh -s' f2b-gateway-banned-root
capture f2b-nftables root CLIENT_KEY 'sh -s' f2b-nftables-root
capture invalid-config-stopped root CLIENT_KEY 'sh -s' invalid-config-stopped-root
capture allowusers-quiet root CLIENT_KEY 'sh -s' allowusers-quiet-bob-root bob
capture match-denygroups root CLIENT_KEY 'sh -s' match-denygroups-bob-root bob
capture f2b-wrong-port root CLIENT_KEY 'sh -s' f2b-wrong-port-root
capture privsep-missing root CLIENT_KEY 'sh -s' privsep-missing-root
capture fw-ufw-limit root CLIENT_KEY 'sh -s' fw-ufw-limit-root
capture fw-recent-drop root CLIENT_KEY 'sh -s' fw-recent-drop-root
capture fw-hashlimit root CLIENT_KEY 'sh -s' fw-hashlimit-root
capture dns-slow root CLIENT_KEY 'sh -s' dns-slow-alice-root alice
# A journal-only server (no auth.log: sshd's lines only in the journal, read with journalctl).
LAB_JOURNAL=1 capture allowusers root CLIENT_KEY 'sh -s' allowusers-journal-bob-root bob
LAB_JOURNAL=1 capture f2b-iptables root CLIENT_KEY 'sh -s' f2b-iptables-journal-root
