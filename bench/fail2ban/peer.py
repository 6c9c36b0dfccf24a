#!/usr/bin/env python3
"""The peer: the same work in Python with the standard ipaddress module — read every
'banip --with-time' line of the bundle, index the f2b chains' sources, check each ban
against its chain, and keep the bans inside PREFIX. Prints its own figures."""
import ipaddress
import re
import resource
import sys
import time

start = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
prefix = ipaddress.ip_network(sys.argv[2])
ban = re.compile(r"^(\S+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+ (-?\d+) = ")
rule = re.compile(r"-A (f2b-\S+) -s (\S+) .*-j (?:REJECT|DROP)")
jail = None
bans = []
chains = {}
for line in text.split("\n"):
    if line.startswith("@@sst jail "):
        jail = line[11:]
    m = ban.match(line)
    if m:
        bans.append((jail, ipaddress.ip_address(m.group(1))))
        continue
    m = rule.search(line)
    if m:
        chains.setdefault(m.group(1), set()).add(ipaddress.ip_network(m.group(2)).network_address)
enforced = sum(1 for j, a in bans if a in chains.get("f2b-" + j, ()))
parsed = time.perf_counter() - start
inside = sum(1 for _, a in bans if a.version == prefix.version and a in prefix)
total = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"python ipaddress: {len(bans)} bans parsed, {enforced} enforced, in {parsed * 1000:.0f} ms, {inside} inside {prefix} after {total * 1000:.0f} ms; peak RSS {peak:.0f} MiB")
