#!/usr/bin/env python3
"""Tiny syslog listener for one lab host.

There is no syslog daemon on the lab machines, and Fail2Ban's stock filters expect
classic BSD lines ("Mmm dd hh:mm:ss host sshd[pid]: message"). glibc's syslog(3)
sends "<PRI>Mmm dd hh:mm:ss tag[pid]: message" (no host name) to /dev/log, so this
listener drops the priority, restamps the line with the time it arrived (as rsyslog
does for local messages) and inserts the lab host name.

With --journal FIFO it also writes each message as a journal export record (the
fields journald would add: _SYSTEMD_UNIT, SYSLOG_IDENTIFIER, _PID, _COMM, ...) to
FIFO, where systemd-journal-remote turns them into a real journal file: a
journal-only server without journald.
"""
import argparse
import os
import re
import signal
import socket
import sys
import time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# glibc: "<38>Nov 21 13:49:00 sshd[42]: msg"; the timestamp is optional for other senders.
LINE = re.compile(rb"^<(\d{1,3})>(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d )?(.*)$", re.S)
# "sshd[42]: message"
TAG = re.compile(rb"^([^\[: ]+)\[(\d+)\]: ?(.*)$", re.S)


def unit(ident):
    """The systemd unit a Debian host runs the program in: ssh.service for sshd and
    its helpers; the lab's renamed management sshd gets a unit of its own."""
    if ident in (b"sshd", b"sshd-session", b"sshd-auth"):
        return b"ssh.service"
    if ident.startswith(b"sshd-"):
        return b"ssh-mgmt.service"
    return None


def export_record(now, pri, body, host, machine_id):
    """One journal export record (text fields; the body has no newline)."""
    m = TAG.match(body)
    ident, pid, message = (m.group(1), m.group(2), m.group(3)) if m else (None, None, body)
    fields = [(b"__REALTIME_TIMESTAMP", b"%d" % int(now * 1000000)),
              (b"_HOSTNAME", host), (b"_MACHINE_ID", machine_id), (b"_TRANSPORT", b"syslog"),
              (b"PRIORITY", b"%d" % (pri & 7)), (b"SYSLOG_FACILITY", b"%d" % (pri >> 3))]
    if ident is not None:
        fields += [(b"SYSLOG_IDENTIFIER", ident), (b"_PID", pid), (b"_COMM", ident[:15])]
        if unit(ident):
            fields.append((b"_SYSTEMD_UNIT", unit(ident)))
    fields.append((b"MESSAGE", message))
    return b"".join(k + b"=" + v + b"\n" for k, v in fields) + b"\n"


def stamp(now):
    t = time.localtime(now)
    # Day is space-padded, month in English whatever the locale: the classic format.
    return "%s %2d %02d:%02d:%02d" % (MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--socket", required=True, help="path to bind (e.g. /dev/log in a private mount ns)")
    ap.add_argument("--out", required=True, help="log file to append to")
    ap.add_argument("--hostname", required=True)
    ap.add_argument("--ready", help="file to create once the socket is bound")
    ap.add_argument("--not-in-mntns", required=True,
                    help="mount namespace (readlink /proc/self/ns/mnt of the caller) this must not run in")
    ap.add_argument("--journal", help="FIFO to write journal export records to (systemd-journal-remote reads it)")
    ap.add_argument("--machine-id", help="_MACHINE_ID of the records (the host's /etc/machine-id)")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # The lab binds /dev/log only in a host's private mount namespace; never
    # replace the machine's own.
    if os.readlink("/proc/self/ns/mnt") == args.not_in_mntns:
        sys.exit("syslogd.py: refusing to run in the caller's mount namespace")
    if os.path.lexists(args.socket):
        os.unlink(args.socket)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(args.socket)
    os.chmod(args.socket, 0o666)
    out = open(args.out, "ab", buffering=0)
    # Opening a FIFO for writing waits for its reader (systemd-journal-remote).
    journal = open(args.journal, "wb", buffering=0) if args.journal else None
    machine_id = (args.machine_id or "").encode()
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    host = args.hostname.encode()
    while True:
        data = sock.recv(65536)
        now = time.time()
        m = LINE.match(data)
        body = m.group(2) if m else data
        pri = int(m.group(1)) if m else 13
        body = body.rstrip(b"\r\n\0").replace(b"\n", b" ")
        # One write per line so readers (Fail2Ban, tests) never see half a line.
        out.write(stamp(now).encode() + b" " + host + b" " + body + b"\n")
        if journal:
            # One write per record, well under PIPE_BUF: the reader never sees half of one.
            journal.write(export_record(now, pri, body, host, machine_id))


if __name__ == "__main__":
    main()
