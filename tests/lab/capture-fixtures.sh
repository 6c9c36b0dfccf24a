#!/usr/bin/env bash
# Capture parser fixtures from the real tools in lab scenarios, the way the
# module's collector reaches them: `ssh -p 2222 -l triage ... 'sudo -n sh -s'`
# (or 'sh -s' as non-root) from the client namespace, the command on stdin.
#
#   tests/lab/capture-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures
#
# Each file: "# command: ...", "# version: ...", "# source: ...", "# exit: N",
# "# ---", then the raw output byte for byte. OpenSSH 10 fixtures are captured
# when tests/lab/openssh10.sh has unpacked it (openssh10.sh --cached).
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES}
capture_init capture-fixtures /tmp/sst-fixtures /tmp/sst-capture.XXXXXX

SSHD10=$("$HERE/openssh10.sh" --cached 2>/dev/null || true)

# up_gen SCENARIO [SSHD_BIN]: capture-lib.sh's up, then GEN (sshd92 or sshd10), the
# name prefix of the fixtures that depend on the sshd under test.
up_gen() {
    up "$@"
    GEN=$( [[ $SSHD_VERSION == 10.* ]] && echo sshd10 || echo sshd92 )
}

# srv_fixture REL AS COMMAND VERSIONCMD: COMMAND's stdout (with "2>&1" in COMMAND, stderr too).
srv_fixture() {
    local rel=$1 as=$2 cmd=$3 ver=$4
    ver=$(srv_line "$ver")
    run_srv_stdout "$rel" "$as" "$cmd"
    fixture "$rel" "$cmd" "$ver" "lab scenario $SCENARIO, host $SERVER_HOSTNAME (OpenSSH $SSHD_VERSION), as $(as_text "$as")" "$RC" "$TMP/out"
}

# client_fixture REL VERSION NOTE: what the client's ssh printed on stderr (SSH/SSH_TEXT set).
client_fixture() {
    local rel=$1 ver=$2 note=$3 stdin=${4:-true}
    RC=0
    printf '%s\n' "$stdin" | "$LAB" exec "$S" client -- "${SSH[@]}" >"$TMP/out" 2>"$TMP/err" || RC=$?
    fixture "$rel" "$SSH_TEXT 2>&1 >/dev/null" "$ver" "lab scenario $SCENARIO, client $CLIENT_ADDR -> $SERVER_ADDR (OpenSSH $SSHD_VERSION server); $note" "$RC" "$TMP/err"
}

auth_log_fixture() { # REL NOTE
    srv_fixture "$1" root 'cat /var/log/auth.log' 'sshd -V 2>&1'
}

SSH_V=$(ssh -V 2>&1)

# Some ordinary traffic to the sshd under test, so its log has more than start-up
# lines: a key login as root (v4), one as alice (v6), a client that closes after
# the banner, and one that rejects the host key.
# shellcheck disable=SC2153 # PORT and the rest come from lab.env
open_traffic() {
    ssh_cmd root "$PORT" 'sh -s'
    printf 'true\n' | "$LAB" exec "$S" client -- "${SSH[@]}" >/dev/null 2>&1 || true
    SERVER_ADDR=$SERVER_ADDR6 ssh_cmd alice "$PORT" 'sh -s'
    printf 'true\n' | "$LAB" exec "$S" client -- "${SSH[@]}" >/dev/null 2>&1 || true
    "$LAB" exec "$S" client -- "${PYTHON:-python3}" "$HERE/bin/probe.py" "$SERVER_ADDR" "$PORT" --first-line >/dev/null 2>&1 || true
    ssh_cmd root "$PORT" 'sh -s' "$WRONG_KNOWN_HOSTS"
    printf 'true\n' | "$LAB" exec "$S" client -- "${SSH[@]}" >/dev/null 2>&1 || true
    sleep 0.3
}

# ---- OpenSSH 9.2 (Debian 12) -------------------------------------------------
up_gen open
open_traffic
auth_log_fixture "auth-log/$GEN-open.txt"
srv_fixture ss/open-root.txt root 'ss -H -ltnp' 'ss -V'
srv_fixture ss/open-nonroot.txt triage 'ss -H -ltnp' 'ss -V'
srv_fixture sshd-T/open-default.txt root 'sshd -T' 'sshd -V 2>&1'
srv_fixture sshd-T/open-nonroot.txt triage '/usr/sbin/sshd -T 2>&1' 'sshd -V 2>&1'
srv_fixture sshd-t/open.txt root 'sshd -t 2>&1' 'sshd -V 2>&1'
ssh_cmd nosudo "$MGMT_PORT" 'sudo -n sh -s'
client_fixture sudo/nosudo-password-required.txt "$(srv_line 'sudo -V')" "user nosudo may sudo but needs a password" 'id'
ssh_cmd alice "$MGMT_PORT" 'sudo -n sh -s'
client_fixture sudo/not-in-sudoers.txt "$(srv_line 'sudo -V')" "user alice is not in sudoers" 'id'
ssh_cmd triage "$MGMT_PORT" 'sudo -n sh -s' "$WRONG_KNOWN_HOSTS"
client_fixture sudo/host-key-verification-failed.txt "$SSH_V" "known_hosts lists other keys for the server"
ssh_cmd triage "$MGMT_PORT" 'sudo -n sh -s' "$KNOWN_HOSTS" "$WRONG_KEY"
client_fixture sudo/auth-failed-wrong-key.txt "$SSH_V" "a key the server does not know"
ssh_cmd nosuchuser "$MGMT_PORT" 'sudo -n sh -s' "$KNOWN_HOSTS" "$WRONG_KEY"
client_fixture sudo/auth-failed-unknown-user.txt "$SSH_V" "a user the server does not have"
ssh_cmd triage "$MGMT_PORT" 'sudo -n sh -s' "$S/client/empty_known_hosts"
: >"$S/client/empty_known_hosts"
client_fixture sudo/host-key-unknown.txt "$SSH_V" "empty known_hosts, StrictHostKeyChecking=yes"
down

up_gen sshd-stopped
# The management port closed too: stop the management sshd (started by this lab).
kill -TERM "$SSHD_MGMT_PID"
for _ in 1 2 3 4 5 6 7 8 9 10; do
    "$LAB" exec "$S" server -- ss -Hltn "sport = :$MGMT_PORT" | grep -q LISTEN || break
    sleep 0.1
done
ssh_cmd triage "$MGMT_PORT" 'sudo -n sh -s'
client_fixture sudo/connection-refused.txt "$SSH_V" "nothing listens on the port"
down

up_gen moved-port
srv_fixture ss/moved-port-root.txt root 'ss -H -ltnp' 'ss -V'
down

up_gen loopback-only
srv_fixture ss/loopback-only-root.txt root 'ss -H -ltnp' 'ss -V'
down

up_gen match-block
srv_fixture sshd-T/match-block-alice.txt root "sshd -T -C $MATCH_CONNECTION" 'sshd -V 2>&1'
srv_fixture sshd-T/match-block-default.txt root 'sshd -T' 'sshd -V 2>&1'
ssh_cmd root "$PORT" 'sudo -n sh -s'
client_fixture sudo/auth-failed-permitrootlogin-no.txt "$SSH_V" "root's key is authorized, but PermitRootLogin no for the client (Match Address)"
auth_log_fixture "auth-log/$GEN-match-block.txt"
down

up_gen invalid-config
srv_fixture sshd-t/invalid-config.txt root 'sshd -t 2>&1' 'sshd -V 2>&1'
srv_fixture sshd-T/invalid-config.txt root 'sshd -T 2>&1' 'sshd -V 2>&1'
# A bad value instead of an unknown keyword (the file is the lab's; put back after).
cp -- "$SSHD_CONFIG" "$TMP/broken"
{ grep -v '^PermitRootLogn' "$TMP/broken"; printf 'MaxAuthTries many\n'; } >"$SSHD_CONFIG"
srv_fixture sshd-t/invalid-config-bad-value.txt root 'sshd -t 2>&1' 'sshd -V 2>&1'
cat -- "$TMP/broken" >"$SSHD_CONFIG"
down

up_gen allowusers
auth_log_fixture "auth-log/$GEN-allowusers.txt"
ssh_cmd bob "$PORT" 'sudo -n sh -s'
client_fixture sudo/auth-failed-allowusers.txt "$SSH_V" "bob's key is authorized, but AllowUsers alice"
down

up_gen failed-logins
auth_log_fixture "auth-log/$GEN-failed-logins.txt"
ssh_cmd root "$PORT" 'sudo -n sh -s' "$KNOWN_HOSTS" "$WRONG_KEY"
SSH=("${SSH[@]:0:${#SSH[@]}-3}" -i "$S/client/id_wrong2" -i "$S/client/id_wrong3" "${SSH[@]: -3}")
SSH_TEXT="${SSH_TEXT% -- *} -i $S/client/id_wrong2 -i $S/client/id_wrong3 -- ${SSH_TEXT##* -- }"
client_fixture sudo/too-many-authentication-failures.txt "$SSH_V" "three wrong keys, MaxAuthTries 2"
down

up_gen hosts-deny
auth_log_fixture "auth-log/$GEN-hosts-deny.txt"
ssh_cmd root "$PORT" 'sudo -n sh -s'
SSH=("${SSH[@]/ConnectTimeout=5/ConnectTimeout=3}")
SSH_TEXT=${SSH_TEXT/ConnectTimeout=5/ConnectTimeout=3}
client_fixture sudo/banner-timeout-tcp-wrappers.txt "$SSH_V" "libwrap refuses, closes after 5 s; ConnectTimeout 3"
ssh_cmd root "$PORT" 'sudo -n sh -s'
SSH=("${SSH[@]/ConnectTimeout=5/ConnectTimeout=10}")
SSH_TEXT=${SSH_TEXT/ConnectTimeout=5/ConnectTimeout=10}
client_fixture sudo/closed-tcp-wrappers.txt "$SSH_V" "libwrap refuses, closes after 5 s; ConnectTimeout 10"
down

up_gen maxstartups
ssh_cmd root "$PORT" 'sudo -n sh -s'
client_fixture sudo/closed-maxstartups.txt "$SSH_V" "the only MaxStartups slot is held"
auth_log_fixture "auth-log/$GEN-maxstartups.txt"
down

up_gen drop
ssh_cmd root "$PORT" 'sudo -n sh -s'
SSH=("${SSH[@]/ConnectTimeout=5/ConnectTimeout=2}")
SSH_TEXT=${SSH_TEXT/ConnectTimeout=5/ConnectTimeout=2}
client_fixture sudo/connect-timeout.txt "$SSH_V" "nftables drops the SYN; ConnectTimeout 2"
down

up_gen reject-admin-prohibited
ssh_cmd root "$PORT" 'sudo -n sh -s'
client_fixture sudo/no-route-to-host-icmp-admin-prohibited.txt "$SSH_V" "ICMP admin-prohibited (IPv4)"
SERVER_ADDR=$SERVER_ADDR6 ssh_cmd root "$PORT" 'sudo -n sh -s'
client_fixture sudo/permission-denied-icmp6-admin-prohibited.txt "$SSH_V" "ICMPv6 admin-prohibited: EACCES, not an authentication failure"
down

up_gen not-ssh
ssh_cmd root "$PORT" 'sudo -n sh -s'
client_fixture sudo/not-ssh-http.txt "$SSH_V" "an HTTP server on the port"
down

# ---- OpenSSH 10 (bookworm-backports, openssh10.sh) -----------------------------
if [[ -n $SSHD10 ]]; then
    up_gen open "$SSHD10"
    open_traffic
    auth_log_fixture "auth-log/$GEN-open.txt"
    srv_fixture ss/"$GEN"-open-root.txt root 'ss -H -ltnp' 'ss -V'
    srv_fixture sshd-T/"$GEN"-open-default.txt root 'sshd -T' 'sshd -V 2>&1'
    srv_fixture sshd-T/"$GEN"-open-nonroot.txt triage '/usr/sbin/sshd -T 2>&1' 'sshd -V 2>&1'
    down

    up_gen invalid-config "$SSHD10"
    srv_fixture sshd-t/"$GEN"-invalid-config.txt root 'sshd -t 2>&1' 'sshd -V 2>&1'
    down

    up_gen failed-logins "$SSHD10"
    auth_log_fixture "auth-log/$GEN-failed-logins.txt"
    down

    up_gen allowusers "$SSHD10"
    auth_log_fixture "auth-log/$GEN-allowusers.txt"
    down

    up_gen maxstartups "$SSHD10"
    ssh_cmd root "$PORT" 'sudo -n sh -s'
    client_fixture sudo/"$GEN"-closed-maxstartups.txt "$SSH_V" "the only MaxStartups slot is held"
    auth_log_fixture "auth-log/$GEN-maxstartups.txt"
    down

    up_gen penalty "$SSHD10"
    ssh_cmd root "$PORT" 'sudo -n sh -s'
    client_fixture sudo/"$GEN"-penalty.txt "$SSH_V" "PerSourcePenalties: the client failed authentication before"
    auth_log_fixture "auth-log/$GEN-penalty.txt"
    srv_fixture sshd-T/"$GEN"-penalty-default.txt root 'sshd -T' 'sshd -V 2>&1'
    down

    up_gen refuse-connection "$SSHD10"
    ssh_cmd root "$PORT" 'sudo -n sh -s'
    client_fixture sudo/"$GEN"-refuse-connection.txt "$SSH_V" "RefuseConnection yes in Match Address <client>"
    auth_log_fixture "auth-log/$GEN-refuse-connection.txt"
    srv_fixture sshd-T/"$GEN"-refuse-connection-client.txt root \
        "sshd -T -C user=root,host=client,addr=$CLIENT_ADDR" 'sshd -V 2>&1'
    down
else
    echo "capture-fixtures: OpenSSH 10 not unpacked (tests/lab/openssh10.sh): no sshd10 fixtures" >&2
fi
