#!/usr/bin/env python3
"""The peer: the same question in Python — read the bundle's ip6tables rules and nftables JSON,
and decide whether SOURCE may reach port 22: the blocklist chain by a dictionary of sources,
the nft set by a Python set. Prints its own figures."""
import ipaddress
import json
import re
import resource
import sys
import time

start = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
source = ipaddress.ip_address(sys.argv[2])
rule = re.compile(r"-A blocklist -s (\S+) .*-j (DROP|REJECT)")
dropped = {ipaddress.ip_network(m.group(1)).network_address for m in rule.finditer(text)}
json_start = text.index('{"nftables"')
ruleset = json.loads(text[json_start:text.index("\n", json_start)])
sets = {o["set"]["name"]: {ipaddress.ip_address(e) for e in o["set"].get("elem", [])} for o in ruleset["nftables"] if "set" in o}
parsed = time.perf_counter() - start
verdict = "Drop" if source in dropped else "Reject" if source in sets["blocked6"] else "Accept"
total = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"python json+ipaddress: {len(dropped)} rules and a {len(sets['blocked6'])}-element set read in {parsed * 1000:.0f} ms; verdict {verdict} after {total * 1000:.0f} ms; peak RSS {peak:.0f} MiB")
