#!/usr/bin/env python3
"""A non-SSH service for the lab's not-ssh scenario.

Behaves like a typical web server on the SSH port: silent until the client speaks,
then "HTTP/1.1 400 Bad Request" for anything that is not an HTTP request line
(an SSH identification line included), "200" for a real request. Written by hand
because http.server answers a one-word line with an HTML body and no status line
(it treats it as HTTP/0.9), which is not what nginx or Apache do.
"""
import argparse
import os
import re
import signal
import socket
import socketserver
import sys

REQUEST = re.compile(rb"^[A-Z]+ \S+ HTTP/\d\.\d\r?\n$")


def response(status, body):
    return (b"HTTP/1.1 " + status + b"\r\n"
            b"Server: sst-lab-httpd\r\n"
            b"Content-Type: text/plain\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n"
            b"Connection: close\r\n\r\n" + body)


class Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def handle(self):
        try:
            line = self.rfile.readline(8192)
        except OSError:
            return
        if not line:
            return
        if REQUEST.match(line):
            while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                pass
            self.wfile.write(response(b"200 OK", b"sst lab: not an ssh server\n"))
        else:
            self.wfile.write(response(b"400 Bad Request", b"Bad Request\n"))


class DualStack(socketserver.ThreadingTCPServer):
    address_family = socket.AF_INET6
    allow_reuse_address = True
    daemon_threads = True

    def server_bind(self):
        # One socket for v4 and v6, like a server listening on [::] with bindv6only=0.
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ready", help="file to create once listening")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    srv = DualStack(("::", args.port), Handler)
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    srv.serve_forever()


if __name__ == "__main__":
    main()
