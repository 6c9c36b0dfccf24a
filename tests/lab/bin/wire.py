#!/usr/bin/env python3
"""A network "wire" with latency between two lab namespaces: two TAP devices,
one created inside each namespace, and this process copying Ethernet frames
between them after a fixed delay.

Why not a veth pair: on a veth the whole exchange (SYN out, firewall REJECT,
ICMP error back) runs synchronously inside the client's connect() call while it
still holds the socket lock, so the kernel drops the ICMP error
(TcpExtLockDroppedIcmps) and connect() only fails after the SYN retransmission
(~1 s; for IPv4 non-blocking sockets it still fails at once via SO_ERROR's soft
error). A real network has a round trip; so does this wire, so ICMP rejects look
the way they do in the field. The lab kernel has no netem qdisc to add a delay.

The process ends up in the first namespace, so teardown finds it there too.
"""
import argparse
import ctypes
import fcntl
import heapq
import os
import select
import signal
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000

libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns(%s): %s" % (path, os.strerror(err)))
    finally:
        os.close(fd)


def tap(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH22x", name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", nargs=2, metavar=("NETNS_PATH", "IFNAME"), required=True)
    ap.add_argument("--b", nargs=2, metavar=("NETNS_PATH", "IFNAME"), required=True)
    ap.add_argument("--delay-ms", type=float, default=1.0, help="one-way delay")
    ap.add_argument("--ready", required=True)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    # Each TAP is created while this process is inside that namespace; nothing
    # is ever created in the namespace the process started in.
    setns(args.b[0])
    fd_b = tap(args.b[1])
    setns(args.a[0])
    fd_a = tap(args.a[1])
    peer = {fd_a: fd_b, fd_b: fd_a}
    with open(args.ready, "w") as f:
        f.write("%d\n" % os.getpid())

    delay = args.delay_ms / 1000.0
    queue = []  # (due, seq, out_fd, frame): per-direction FIFO order is kept by seq
    seq = 0
    poller = select.poll()
    for fd in peer:
        poller.register(fd, select.POLLIN)
    while True:
        now = time.monotonic()
        timeout = None if not queue else max(0.0, queue[0][0] - now) * 1000.0
        for fd, _ in poller.poll(timeout):
            while True:
                try:
                    frame = os.read(fd, 65536)
                except BlockingIOError:
                    break
                except OSError:
                    break
                if not frame:
                    break
                seq += 1
                heapq.heappush(queue, (time.monotonic() + delay, seq, peer[fd], frame))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, out, frame = heapq.heappop(queue)
            try:
                os.write(out, frame)
            except OSError:
                pass  # interface down or queue full: the frame is lost, as on a wire


if __name__ == "__main__":
    main()
