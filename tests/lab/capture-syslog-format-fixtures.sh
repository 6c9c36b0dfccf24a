#!/usr/bin/env bash
# Capture sshd's lines as other syslog daemons write them, for SshLogParser's tests: busybox
# syslogd's default format (host, then facility.priority) and its -S format (no host name), and
# RFC 5424 records as util-linux logger sends them (what rsyslog's RSYSLOG_SyslogProtocol23Format
# and syslog-ng's IETF format store). The messages are real sshd lines (one with a user name that
# carries another address, one without a port as OpenSSH before 7.5 wrote it). No network: busybox syslogd listens on /dev/log in a private mount
# namespace with its own /dev, and logger's RFC 5424 datagrams go to a socat Unix socket.
#
#   tests/lab/capture-syslog-format-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures/auth-log/syslog-formats
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd)
out=${1:-$root/tests/SshTriage.Core.Tests/Fixtures/auth-log/syslog-formats}
((EUID == 0)) || { echo "needs root (a private mount namespace)" >&2; exit 2; }
work=$(mktemp -d /tmp/sst-syslog.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
mkdir -p "$out"

# The last one as OpenSSH before 7.5 wrote it, without the port.
messages=(
    "sshd 4242 Invalid user admin from 203.0.113.5 port 40000"
    "sshd 4242 Failed password for invalid user x from 6.6.6.6 port 1 from 203.0.113.5 port 40000 ssh2"
    "sshd-session 4243 Connection closed by authenticating user root 203.0.113.5 port 40001 [preauth]"
    "sshd 4244 Invalid user oracle from 203.0.113.6"
)

# header FILE COMMAND: the fixture's "# command/version/source/exit" lines.
header() {
    printf '# command: %s\n# version: %s; %s\n# source: capture-syslog-format-fixtures.sh\n# exit: 0\n# ---\n' \
        "$2" "$(busybox 2>&1 | head -n 1)" "$(logger --version)" >"$1"
}

for mode in full small; do
    opt=
    [[ $mode == small ]] && opt=-S
    unshare -m bash -c '
        mount -t tmpfs tmpfs /dev && mknod -m 666 /dev/null c 1 3
        busybox syslogd -n '"$opt"' -O "$1/$2.log" & pid=$!
        for i in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
        shift 2
        for m in "$@"; do
            set -- $m
            tag=$1 pid_=$2; shift 2
            logger -t "$tag" --id="$pid_" -p auth.info "$*"
        done
        sleep 0.5; kill "$pid"; wait "$pid" 2>/dev/null || true
    ' capture "$work" "$mode" "${messages[@]}"
    header "$out/busybox-syslogd-$mode.log" "busybox syslogd -n ${opt:+$opt }-O FILE; logger -t TAG --id=PID -p auth.info MESSAGE"
    grep -F -e 'sshd' "$work/$mode.log" >>"$out/busybox-syslogd-$mode.log"
done

# Datagrams have no line ends: each record is put on its own line after the capture (a record
# starts with its PRI and version, "<38>1 ").
socat -u UNIX-RECV:"$work/r.sock" - >"$work/rfc5424.log" & sp=$!
for i in $(seq 50); do [[ -S $work/r.sock ]] && break; sleep 0.1; done
for m in "${messages[@]}"; do
    set -- $m
    tag=$1 pid=$2
    shift 2
    logger --rfc5424 -u "$work/r.sock" -d -t "$tag" --id="$pid" -p auth.info "$*"
    logger --rfc5424=notq -u "$work/r.sock" -d -t "$tag" --id="$pid" -p auth.info "$*"
done
sleep 0.5
kill "$sp" 2>/dev/null || true
wait "$sp" 2>/dev/null || true
header "$out/rfc5424.log" "logger --rfc5424[=notq] -u SOCKET -d -t TAG --id=PID -p auth.info MESSAGE (socat -u UNIX-RECV:SOCKET)"
sed 's/<38>1 /\n&/g' "$work/rfc5424.log" | sed '/^$/d' >>"$out/rfc5424.log"
ls "$out"
