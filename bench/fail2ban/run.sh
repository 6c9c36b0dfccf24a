#!/usr/bin/env bash
# Benchmark: 100,000 Fail2Ban bans across four jails, with the iptables chains that enforce
# them, parsed into Fail2BanBan objects (enforcement checked for each) and filtered by a
# CIDR — by SshTriage's Core and, on the same bundle, by Python's ipaddress module.
# Target: well under a second. Usage: bench/fail2ban/run.sh [COUNT]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/bench/SshTriage.Bench" -c Release --nologo -v quiet >/dev/null
python3 "$here/generate.py" "$count" >"$work/bundle.txt"
echo "bundle: $count bans, $(du -h "$work/bundle.txt" | cut -f1)"
dotnet "$root/bench/SshTriage.Bench/bin/Release/net10.0/SshTriage.Bench.dll" fail2ban "$work/bundle.txt" 2001:db8::/112
python3 "$here/peer.py" "$work/bundle.txt" 2001:db8::/112
