#!/usr/bin/env bash
# Benchmark: 100,000 Fail2Ban bans across four jails, with the iptables chains that enforce
# them, parsed into Fail2BanBan objects (enforcement checked for each) and filtered by a
# CIDR — by SshTriage's Core and, on the same bundle, by Python's ipaddress module; then both
# again on a bundle a hundredth the size, for the memory the data itself takes.
# Target: well under a second. Usage: bench/fail2ban/run.sh [COUNT]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../bundle-bench.sh"
compare fail2ban "$count" 2001:db8::/112
compare fail2ban "$small" 2001:db8::/112
print_growth
