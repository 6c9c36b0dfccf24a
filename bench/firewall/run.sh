#!/usr/bin/env bash
# Benchmark: 100,000 ip6tables rules and an nftables set of 100,000 elements, read from a
# bundle and walked for one connection by Test-FirewallAccess's Core, and the same question
# answered by Python's json and ipaddress modules on the same bundle; then both again on a
# bundle a hundredth the size, for the memory the data itself takes.
# Target: well under a second. Usage: bench/firewall/run.sh [COUNT]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../bundle-bench.sh"

# The last set element of a bundle of N: the walk must get through every rule and into the set.
last() { python3 -c "import ipaddress; print(ipaddress.IPv6Address(int(ipaddress.IPv6Address('2001:db8:f::')) + 2 * ($1 - 1) + 1))"; }

compare firewall "$count" "$(last "$count")"
compare firewall "$small" "$(last "$small")"
print_growth
