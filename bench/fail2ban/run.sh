#!/usr/bin/env bash
# Benchmark: 100,000 Fail2Ban bans across four jails, with the iptables chains that enforce
# them, parsed into Fail2BanBan objects (enforcement checked for each) and filtered by a
# CIDR — by SshTriage's Core and, on the same bundle, by Python's ipaddress module.
# Target: well under a second. Usage: bench/fail2ban/run.sh [COUNT]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../bundle-bench.sh"
python3 "$here/generate.py" "$count" >"$work/bundle.txt"
echo "bundle: $count bans, $(du -h "$work/bundle.txt" | cut -f1)"
"${bench[@]}" fail2ban "$work/bundle.txt" 2001:db8::/112
python3 "$here/peer.py" "$work/bundle.txt" 2001:db8::/112
