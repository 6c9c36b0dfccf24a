#!/usr/bin/env python3
"""Answers every TCP connection on [::]:PORT with an OpenSSH-style identification line.

A benchmark stand-in for sshd: sshd forks a process per connection, so a thousand
simultaneous probes would measure its fork rate, not the probe. The lab tests use real sshd.
"""
import asyncio
import sys

BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"


async def answer(reader, writer):
    try:
        writer.write(BANNER)
        await writer.drain()
        await asyncio.wait_for(reader.read(256), timeout=3)
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port, ready_path):
    server = await asyncio.start_server(answer, host="::", port=port, backlog=4096)
    with open(ready_path, "w", encoding="ascii") as ready:
        ready.write("ready\n")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
