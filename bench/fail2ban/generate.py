#!/usr/bin/env python3
"""Writes an evidence bundle as the collector prints it for a server whose Fail2Ban holds
COUNT bans across four jails (iptables-multiport), with the f2b chains that enforce them.
The line formats are Fail2Ban 1.0.2's and iptables-save's, as captured in the lab
(tests/SshTriage.Core.Tests/Fixtures/fail2ban)."""
import ipaddress
import sys

count = int(sys.argv[1])
jails = ["sshd", "recidive", "sshd-ddos", "dropbear"]
mark = "#%0123456789abcdef"
out = sys.stdout
out.write(f"{mark} sshtriage-evidence version=1\n")
out.write(f"{mark} section meta exit=0\nhostname=bench\nuid=0\nuser=root\ntime=2026-11-21T14:00:00Z\noffset=+0000\n\n{mark} stderr\n\n{mark} end\n")
per_jail = {j: [] for j in jails}
base4 = int(ipaddress.IPv4Address("198.51.100.0"))
for i in range(count):
    # Documentation ranges only: 198.51.100.0/24 and 203.0.113.0/24 as IPv4, the rest in 2001:db8::/32.
    if i < 256:
        ip = str(ipaddress.IPv4Address(base4 + i))
    elif i < 512:
        ip = str(ipaddress.IPv4Address(int(ipaddress.IPv4Address("203.0.113.0")) + i - 256))
    else:
        ip = str(ipaddress.IPv6Address(int(ipaddress.IPv6Address("2001:db8::")) + i))
    per_jail[jails[i % len(jails)]].append(ip)

out.write(f"{mark} section fail2ban exit=0\n@@sst query status\nStatus\n|- Number of jail:\t{len(jails)}\n`- Jail list:\t{', '.join(jails)}\n@@sst exit 0\n")
for jail, ips in per_jail.items():
    out.write(f"@@sst jail {jail}\n@@sst query status {jail}\nStatus for the jail: {jail}\n|- Filter\n|  |- Currently failed:\t0\n|  |- Total failed:\t{len(ips) * 3}\n|  `- File list:\t/var/log/auth.log\n`- Actions\n   |- Currently banned:\t{len(ips)}\n   |- Total banned:\t{len(ips)}\n   `- Banned IP list:\t{' '.join(ips)}\n@@sst exit 0\n")
    out.write(f"@@sst query get {jail} banip --with-time\n")
    for ip in ips:
        out.write(f"{ip} \t2026-11-21 14:00:00 + 3600 = 2026-11-21 15:00:00\n")
    out.write("@@sst exit 0\n")
    out.write(f"@@sst query get {jail} actions\nThe jail {jail} has the following actions:\niptables-multiport\n@@sst exit 0\n")
    out.write(f"@@sst query get {jail} action iptables-multiport port\nssh\n@@sst exit 0\n")
out.write(f"\n{mark} stderr\n\n{mark} end\n")

out.write(f"{mark} section fw-iptables-save exit=0\n")
for family, tool in ((4, "iptables-save"), (6, "ip6tables-save")):
    out.write(f"@@sst query {tool}\n*filter\n:INPUT ACCEPT [0:0]\n")
    for jail in jails:
        out.write(f":f2b-{jail} - [0:0]\n[0:0] -A INPUT -p tcp -m multiport --dports 22 -j f2b-{jail}\n")
    for jail, ips in per_jail.items():
        for ip in ips:
            if (":" in ip) == (family == 6):
                suffix = "/128" if family == 6 else "/32"
                reject = "icmp6-port-unreachable" if family == 6 else "icmp-port-unreachable"
                out.write(f"[0:0] -A f2b-{jail} -s {ip}{suffix} -j REJECT --reject-with {reject}\n")
        out.write(f"[0:0] -A f2b-{jail} -j RETURN\n")
    out.write("COMMIT\n@@sst exit 0\n")
out.write(f"\n{mark} stderr\n\n{mark} end\n{mark} done\n")
