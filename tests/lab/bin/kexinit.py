#!/usr/bin/env python3
"""Reads a server's first binary packet (its SSH_MSG_KEXINIT) as a client would see it.

Connects, sends an identification line, reads the server's lines up to its own
identification line, then exactly one binary packet (RFC 4253 section 6: uint32
length, then that many bytes). Prints the identification line, then the bytes that
followed it up to the end of that packet, in base64 on one line.
"""
import argparse
import base64
import socket
import struct
import sys


def read_exactly(sock, count, buffered):
    data = bytearray(buffered)
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            sys.exit("the server closed the connection before the packet ended")
        data += chunk
    return bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    sock.sendall(b"SSH-2.0-SstLabKexInit\r\n")
    received = b""
    while True:
        while b"\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                sys.exit("the server closed the connection before its identification line")
            received += chunk
        line, received = received.split(b"\n", 1)
        if line.startswith(b"SSH-"):
            break
    header = read_exactly(sock, 4, received[:4])
    rest = received[4:]
    (length,) = struct.unpack(">I", header)
    body = read_exactly(sock, length, rest[:length])
    print(line.rstrip(b"\r").decode("ascii", "replace"))
    print(base64.b64encode(header + body).decode("ascii"))


if __name__ == "__main__":
    main()
