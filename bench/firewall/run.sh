#!/usr/bin/env bash
# Benchmark: 100,000 ip6tables rules and an nftables set of 100,000 elements, read from a
# bundle and walked for one connection by Test-FirewallAccess's Core, and the same question
# answered by Python's json and ipaddress modules on the same bundle.
# Target: well under a second. Usage: bench/firewall/run.sh [COUNT]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../bundle-bench.sh"
python3 "$here/generate.py" "$count" >"$work/bundle.txt"
echo "bundle: $count rules and $count set elements, $(du -h "$work/bundle.txt" | cut -f1)"
# The last set element: the walk must get through every rule and into the set.
last=$(python3 -c "import ipaddress,sys; print(ipaddress.IPv6Address(int(ipaddress.IPv6Address('2001:db8:f::')) + 2 * ($count - 1) + 1))")
"${bench[@]}" firewall "$work/bundle.txt" "$last"
python3 "$here/peer.py" "$work/bundle.txt" "$last"
