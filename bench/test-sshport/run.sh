#!/usr/bin/env bash
# Benchmark: Test-SshPort's Core against nmap's connect scan on the same 1,000 targets.
#
# Builds three lab namespaces joined to a client namespace (documentation addresses only,
# nothing in the root namespace): a third of the targets answer with an SSH banner, a third
# have no listener (TCP reset), a third are dropped by nftables. Then, from the client, runs
# the probe with -TimeoutSec 2 (ThrottleLimit covering every target, and the default 128) and
# `nmap -sT -Pn -n -p22` on the same list, and prints wall time and peak memory of each.
# Needs root, nmap, nft, python3, GNU time and the .NET SDK. Usage: sudo bench/test-sshport/run.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/namespace-bench.sh
. "$here/../namespace-bench.sh"
count=${TARGETS:-1000}
timeout_sec=2
id=$(bench_id)
cli="sstb-$id-cli" open="sstb-$id-open" dead="sstb-$id-dead"
work=$(mktemp -d)
responder_pid=

cleanup() {
    set +e
    [[ -n $responder_pid ]] && kill "$responder_pid" 2>/dev/null && wait "$responder_pid" 2>/dev/null
    bench_netns_del "$cli" "$open" "$dead"
    rm -rf "$work"
}
trap cleanup EXIT

bench_needs nmap nft python3 /usr/bin/time dotnet
bench_runner

for ns in "$cli" "$open" "$dead"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
ip link add b-open netns "$cli" type veth peer name b-cli netns "$open"
ip link add b-dead netns "$cli" type veth peer name b-cli netns "$dead"
ip -n "$cli" link set b-open up && ip -n "$cli" link set b-dead up
ip -n "$open" link set b-cli up && ip -n "$dead" link set b-cli up
ip -n "$cli" -6 addr add 2001:db8:b0::10/64 dev b-open nodad
ip -n "$open" -6 addr add 2001:db8:b0::20/64 dev b-cli nodad
ip -n "$cli" -6 addr add 2001:db8:b2::10/64 dev b-dead nodad
ip -n "$dead" -6 addr add 2001:db8:b2::20/64 dev b-cli nodad
ip -n "$cli" -6 route add 2001:db8:b1::/64 via 2001:db8:b0::20
ip -n "$cli" -6 route add 2001:db8:b3::/64 via 2001:db8:b2::20

# Targets: open ones and dropped ones live in the "open" namespace, the rest in "dead".
third=$((count / 3))
: >"$work/targets" && : >"$work/addr-open" && : >"$work/addr-dead"
for ((i = 1; i <= count; i++)); do
    if ((i <= third)); then
        addr=$(printf '2001:db8:b1::1:%x' "$i") && echo "address add $addr/128 dev lo nodad" >>"$work/addr-open"
    elif ((i <= 2 * third)); then
        addr=$(printf '2001:db8:b3::%x' "$i") && echo "address add $addr/128 dev lo nodad" >>"$work/addr-dead"
    else
        addr=$(printf '2001:db8:b1::2:%x' "$i") && echo "address add $addr/128 dev lo nodad" >>"$work/addr-open"
    fi
    echo "$addr" >>"$work/targets"
done
ip -n "$open" -6 -batch "$work/addr-open"
ip -n "$dead" -6 -batch "$work/addr-dead"
ip netns exec "$open" nft -f - <<NFT
table inet bench {
    chain input {
        type filter hook input priority 0; policy accept;
        ip6 daddr 2001:db8:b1::2:0/112 tcp dport 22 drop
    }
}
NFT
ip netns exec "$open" python3 "$here/banner_server.py" 22 "$work/ready" &
responder_pid=$!
for _ in $(seq 100); do [[ -f $work/ready ]] && break; sleep 0.05; done
[[ -f $work/ready ]] || { echo "the banner responder did not start" >&2; exit 1; }

measure() { # label, command...: prints wall seconds and peak RSS from GNU time
    local label=$1; shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out-$label" 2>"$work/err-$label" || true
    read -r wall rss <"$work/time"
    printf '%-28s wall %6.2f s   peak RSS %7.1f MiB\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
    echo "$wall" >"$work/wall-$label"
}

statuses() { grep -o '"Status":"[A-Za-z]*"' "$work/out-$1" | sort | uniq -c | tr '\n' ' '; echo; }

echo "targets: $count ($third open, $third refused, $((count - 2 * third)) dropped), -TimeoutSec $timeout_sec"
measure "Test-SshPort (throttle $count)" ip netns exec "$cli" dotnet "$runner" probe --timeout "$timeout_sec" --throttle "$count" --targets-file "$work/targets"
echo "  statuses: $(statuses "Test-SshPort (throttle $count)")"
measure "Test-SshPort (throttle 128)" ip netns exec "$cli" dotnet "$runner" probe --timeout "$timeout_sec" --throttle 128 --targets-file "$work/targets"
echo "  statuses: $(statuses "Test-SshPort (throttle 128)")"
measure "nmap -sT -Pn -n -p22" ip netns exec "$cli" nmap -6 -sT -Pn -n -p22 -iL "$work/targets"
echo "  nmap: $(grep -Eo '^22/tcp +[a-z]+' "$work/out-nmap -sT -Pn -n -p22" | awk '{print $2}' | sort | uniq -c | tr '\n' ' ')"
# nmap's default timeout adapts to the round-trip time (about 1 s on this link); these two
# runs put both tools on the same timeout, once at 2 s and once at 1 s.
measure "nmap, 2 s timeout, no retry" ip netns exec "$cli" nmap -6 -sT -Pn -n -p22 --max-retries 0 \
    --initial-rtt-timeout 2000ms --min-rtt-timeout 2000ms --max-rtt-timeout 2000ms -iL "$work/targets"
measure "Test-SshPort (1 s timeout)" ip netns exec "$cli" dotnet "$runner" probe --timeout 1 --throttle "$count" --targets-file "$work/targets"
echo "  statuses: $(statuses "Test-SshPort (1 s timeout)")"

ratio() { echo "$(cat "$work/wall-$1") / $(cat "$work/wall-$2")" | bc -l; }
printf 'ratio Test-SshPort/nmap, both with a 2 s timeout: %.2f\n' "$(ratio "Test-SshPort (throttle $count)" "nmap, 2 s timeout, no retry")"
printf 'ratio Test-SshPort (1 s)/nmap default:            %.2f\n' "$(ratio "Test-SshPort (1 s timeout)" "nmap -sT -Pn -n -p22")"
printf 'target: ratios <= 1, and with the throttle covering every target, about the timeout (%s s)\n' "$timeout_sec"
