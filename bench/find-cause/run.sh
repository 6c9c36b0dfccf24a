#!/usr/bin/env bash
# Benchmark: Find-SshRejectCause's Core on the lab's scenarios, run from the lab's client
# against the lab server over its management sshd, as the lab tests do. For each scenario it
# prints the cause found first, the diagnosis's own wall time (without the .NET start), that
# time less the probe timeout when the probes timed out, and how many ssh processes it
# started. The peer is the checklist walked by hand: one ssh command per check (listeners,
# sshd -t, sshd -T, the auth log, Fail2Ban, iptables, nftables), timed the same way.
# Target: under 2 s per scenario, one ssh process. Then -FromHost against the drop scenario
# with every timeout at its default (probe 5 s, management 15 s): target about one probe
# timeout plus a few seconds; the peer is the client's own ssh with ConnectTimeout at the
# probe timeout, run from the same host. Needs root and the lab's packages.
# Usage: sudo bench/find-cause/run.sh   (SCENARIOS="drop open" to pick; FROMHOST=0 skips the -FromHost run)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/namespace-bench.sh
. "$here/../namespace-bench.sh"
lab="$root/tests/lab/lab.sh"
probe_timeout=1
read -r -a scenarios <<<"${SCENARIOS:-f2b-gateway-banned f2b-iptables f2b-not-enforced f2b-wrong-port f2b-ban-ineffective fw-iptables-chains fw-legacy-split drop hosts-deny moved-port loopback-only sshd-stopped invalid-config maxstartups not-ssh allowusers upstream-filter open}"

work=$(mktemp -d)
current=
cleanup() {
    set +e
    [[ -n $current ]] && "$lab" down "$current" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

bench_runner
dotnet=$(command -v dotnet)

# An ssh first on PATH that counts its starts, then runs the real client.
mkdir "$work/bin"
cat >"$work/bin/ssh" <<'SSH'
#!/bin/sh
echo "$*" >>"$SSH_COUNT_LOG"
exec /usr/bin/ssh "$@"
SSH
chmod 0755 "$work/bin/ssh"

ms() { echo $(($(date +%s%N) / 1000000)); }

# first_cause FILE: the runner's first cause, its symptom and the run's own elapsed ms.
first_cause() {
    python3 - "$1" <<'PY'
import json, sys
objects = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
causes = [o["Object"] for o in objects if o.get("Type") == "SshTriage.SshRejectCause"]
summary = next(o for o in objects if o.get("Summary"))
first = causes[0] if causes else {}
print(first.get("Cause", "-"), first.get("Symptom") or "-", int(summary["ElapsedMs"]))
PY
}

printf '%-20s %-24s %-10s %9s %9s %5s   %9s %5s\n' scenario "first cause" symptom "time ms" "net ms" ssh "peer ms" ssh
for scenario in "${scenarios[@]}"; do
    state="$work/$scenario"
    current=$state
    "$lab" up "$scenario" "$state" >/dev/null
    get() { sed -n "s/^$1=//p" "$state/lab.env" | head -n 1; }
    connection=(--user root --key "$(get CLIENT_KEY)" --ssh-port "$(get MGMT_PORT)"
        --option "UserKnownHostsFile=$(get KNOWN_HOSTS)" --option GlobalKnownHostsFile=/dev/null --timeout 10)
    : >"$work/ssh.log"
    "$lab" exec "$state" client -- env PATH="$work/bin:/usr/sbin:/usr/bin:/sbin:/bin" SSH_COUNT_LOG="$work/ssh.log" \
        "$dotnet" "$runner" server cause --client "$(get CLIENT_ADDR)" --port "$(get PORT)" --probe-timeout "$probe_timeout" \
        "${connection[@]}" "$(get SERVER_ADDR)" >"$work/out.json"
    count=$(wc -l <"$work/ssh.log")
    read -r cause symptom elapsed < <(first_cause "$work/out.json")
    net=$elapsed
    [[ $symptom == TimedOut ]] && net=$((elapsed - probe_timeout * 1000))

    # The peer: the same evidence, one ssh command per check.
    : >"$work/ssh.log"
    start=$(ms)
    for check in "ss -H -ltnp" "sshd -t" "sshd -T" "tail -n 2000 /var/log/auth.log" \
        "fail2ban-client status sshd" "iptables-save -c" "nft list ruleset"; do
        "$lab" exec "$state" client -- env PATH="$work/bin:/usr/sbin:/usr/bin:/sbin:/bin" SSH_COUNT_LOG="$work/ssh.log" \
            ssh -o BatchMode=yes -o ConnectTimeout=10 -o "UserKnownHostsFile=$(get KNOWN_HOSTS)" -o GlobalKnownHostsFile=/dev/null \
            -i "$(get CLIENT_KEY)" -p "$(get MGMT_PORT)" -l root "$(get SERVER_ADDR)" "$check" >/dev/null 2>&1 || true
    done
    peer=$(($(ms) - start))
    peer_count=$(wc -l <"$work/ssh.log")

    printf '%-20s %-24s %-10s %9s %9s %5s   %9s %5s\n' "$scenario" "$cause" "$symptom" "$elapsed" "$net" "$count" "$peer" "$peer_count"
    "$lab" down "$state" >/dev/null
    current=
done

[[ ${FROMHOST:-1} == 1 ]] || exit 0
echo
echo "-FromHost against a drop, default timeouts (the admin's machine is the server; probes from the client):"
state="$work/fromhost-drop"
current=$state
LAB_FROMHOST=1 "$lab" up drop "$state" >/dev/null
get() { sed -n "s/^$1=//p" "$state/lab.env" | head -n 1; }
start=$(ms)
"$lab" exec "$state" server -- "$dotnet" "$runner" server cause --port "$(get PORT)" \
    --from-host "$(get CLIENT_ADDR)" --from-user "$(get FROMHOST_USER)" --from-key "$(get FROMHOST_KEY)" \
    --from-known-hosts "$(get FROMHOST_KNOWN_HOSTS)" --from-ssh-port "$(get CLIENT_SSH_PORT)" --user root --key "$(get CLIENT_KEY)" --ssh-port "$(get MGMT_PORT)" \
    --option "UserKnownHostsFile=$(get KNOWN_HOSTS)" --option GlobalKnownHostsFile=/dev/null "$(get SERVER_ADDR)" >"$work/out.json"
wall=$(($(ms) - start))
read -r cause symptom elapsed < <(first_cause "$work/out.json")
start=$(ms)
"$lab" exec "$state" server -- ssh -F "$(get FROMHOST_SSH_CONFIG)" "$(get CLIENT_ADDR)" \
    "ssh -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null $(get SERVER_ADDR) true" >/dev/null 2>&1 || true
peer=$(($(ms) - start))
printf '%-24s %-10s %9s ms (%s ms with the .NET start)   peer ssh ConnectTimeout=5 via ssh: %s ms\n' "$cause" "$symptom" "$elapsed" "$wall" "$peer"
"$lab" down "$state" >/dev/null
current=
