#!/usr/bin/env python3
"""Tiny syslog listener for one lab host.

There is no syslog daemon on the lab machines, and Fail2Ban's stock filters expect
classic BSD lines ("Mmm dd hh:mm:ss host sshd[pid]: message"). glibc's syslog(3)
sends "<PRI>Mmm dd hh:mm:ss tag[pid]: message" (no host name) to /dev/log, so this
listener drops the priority, restamps the line with the time it arrived (as rsyslog
does for local messages) and inserts the lab host name.
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
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    host = args.hostname.encode()
    while True:
        data = sock.recv(65536)
        m = LINE.match(data)
        body = m.group(2) if m else data
        body = body.rstrip(b"\r\n\0").replace(b"\n", b" ")
        # One write per line so readers (Fail2Ban, tests) never see half a line.
        out.write(stamp(time.time()).encode() + b" " + host + b" " + body + b"\n")


if __name__ == "__main__":
    main()
