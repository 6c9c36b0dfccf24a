#!/usr/bin/env python3
"""Raw TCP probe: what a client really sees on a port, byte for byte.

Prints one line of key=value pairs:
  connect=ok|ECONNREFUSED|EHOSTUNREACH|EACCES|...|timeout  t_connect=seconds
  end=line|eof|ECONNRESET|...|timeout  t_end=seconds since connect
  bytes=N data="json-escaped latin-1 text"
The errno names are the kernel's (errno.errorcode), so the lab can record which
firewall verdict maps to which error. With --hold-ready it becomes the lab's
"stuck unauthenticated client": it reads the first line, then holds the connection.
"""
import argparse
import errno
import json
import os
import socket
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--connect-timeout", type=float, default=2.0)
    ap.add_argument("--read-timeout", type=float, default=2.0)
    ap.add_argument("--send-line", help="text sent right after connecting, CRLF appended")
    ap.add_argument("--first-line", action="store_true", help="stop reading after the first LF")
    ap.add_argument("--hold-ready", help="after the first line, create this file and hold the connection")
    args = ap.parse_args()

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(args.connect_timeout)
    t0 = time.monotonic()
    try:
        s.connect((args.host, args.port))
        connect = "ok"
    except socket.timeout:
        connect = "timeout"
    except OSError as e:
        connect = errno.errorcode.get(e.errno, str(e.errno))
    t_connect = time.monotonic() - t0
    fields = ["connect=%s" % connect, "t_connect=%.3f" % t_connect]
    if connect != "ok":
        print(" ".join(fields), flush=True)
        return 0

    data = b""
    end = "timeout"
    t1 = time.monotonic()
    try:
        if args.send_line is not None:
            s.sendall(args.send_line.encode() + b"\r\n")
        deadline = t1 + args.read_timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            s.settimeout(left)
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            if not chunk:
                end = "eof"
                break
            data += chunk
            if (args.first_line or args.hold_ready) and b"\n" in data:
                end = "line"
                break
    except OSError as e:
        end = errno.errorcode.get(e.errno, str(e.errno))
    t_end = time.monotonic() - t1

    if args.hold_ready:
        if end != "line":
            print("hold: no first line (end=%s data=%r)" % (end, data), file=sys.stderr)
            return 1
        with open(args.hold_ready, "w") as f:
            f.write("%d\n" % os.getpid())
        while True:  # killed by the lab's teardown, by pid
            time.sleep(3600)

    fields += ["end=%s" % end, "t_end=%.3f" % t_end, "bytes=%d" % len(data),
               "data=%s" % json.dumps(data.decode("latin-1"))]
    print(" ".join(fields), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
