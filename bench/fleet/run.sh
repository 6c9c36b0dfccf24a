#!/usr/bin/env bash
# Benchmark: one call reads a fleet. N lab servers (N=100 by default), each its own network
# namespace with its own sshd, are read with Get-SshListener -ThrottleLimit 50 over the SSH.NET
# transport and over the OpenSSH transport, and, in the same run, with the tool an admin would
# use instead: an Ansible ad hoc command (`ss -H -ltn`, -f 50, key auth). Both transports run
# twice: with their default offer, where these sshd 9.2 servers agree on sntrup761x25519 (its key
# generation is most of SSH.NET's CPU per server), and with KexAlgorithms=curve25519-sha256, the
# cost of a key exchange as cheap as mlkem768x25519, which OpenSSH 9.9 and later servers agree on
# (the lab has no such sshd). Each tool runs ROUNDS
# times (3 by default), in turns; the median of each figure is printed: wall time, CPU time
# (the tool and every process it waited for: ssh clients, Ansible's workers), the servers' CPU
# time (every sshd and what its sessions ran, read once all sessions are reaped), peak memory
# (the PSS and RSS of the tool's whole process tree, sampled by measure.py), then the ratios.
# The servers share the client's cores, so the wall times include the servers' work.
#
# Every server has its own sshd (the machine's), so no listen backlog is shared; all of them
# run in one private mount namespace that gives sshd its /run/sshd and root an empty home, as on
# a fresh server (a login shell that sources this machine's root profile would make every
# session's cost the profile's), and changes nothing outside.
# The client namespace reaches server i over a veth pair, 198.51.100.(2i)/31 to .(2i+1)/31;
# nothing is added to the root namespace. Ansible runs with ControlMaster off, so each of its
# ssh connections is a process it waits for and is counted (a ControlPersist master would
# slip out of the measurement), and with its remote temporary files in the work dir.
# Needs root, the .NET SDK, sshd, ssh-keygen, python3 and Debian's ansible-core.
# Usage: sudo bench/fleet/run.sh   (SERVERS=100 ROUNDS=3 THROTTLE=50)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/namespace-bench.sh
. "$here/../namespace-bench.sh"
servers=${SERVERS:-100}
rounds=${ROUNDS:-3}
throttle=${THROTTLE:-50}
id=$(bench_id)
cli="sstf-$id-cli"
work=$(mktemp -d /tmp/sst-fleet.XXXXXX)
holder=

cleanup() {
    set +e
    # shellcheck disable=SC2046 # one word a namespace
    bench_netns_del "$cli" $(seq -f "sstf-$id-%g" 0 $((servers - 1)))
    [[ -n $holder ]] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

BENCH_HINT="ansible: apt-get install ansible-core" bench_needs ip nsenter unshare /usr/sbin/sshd ssh-keygen python3 dotnet ansible
((servers >= 1 && servers <= 100)) || { echo "SERVERS must be 1-100 (two addresses each in 198.51.100.0/24)" >&2; exit 2; }

echo "building the module..."
(cd "$root" && dotnet tool restore >/dev/null && dotnet pwsh -NoProfile -File ./build.ps1 >/dev/null)
module=$(ls "$root"/out/SshTriage/*/SshTriage.psd1 | tail -n1)
pwsh_dll=$(cd "$root" && dotnet pwsh -NoProfile -Command 'Join-Path $PSHOME pwsh.dll')
dotnet=$(command -v dotnet)

# Keys: one host key for every server, root's login key, known_hosts naming every server.
ssh-keygen -q -t ed25519 -N '' -C sst-fleet-host -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -C sst-fleet-root -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
printf '198.51.100.* %s\n' "$(cut -d' ' -f1,2 "$work/host_key.pub")" >"$work/known_hosts"
cat >"$work/sshd_config" <<CONFIG
Port 22
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
LogLevel ERROR
Subsystem sftp internal-sftp
CONFIG

# One private mount namespace for every sshd: /run is a tmpfs of bind mounts of the real
# entries (lab/lib/host.sh's shadow_dir) plus /run/sshd, sshd's compiled-in privilege
# separation directory, and root's home is an empty tmpfs. Its copy of /run/netns is dropped,
# so it keeps no namespace alive.
# shellcheck source=tests/lab/lib/host.sh
. "$root/tests/lab/lib/host.sh"
mkdir "$work/run-stage"
SST_PARENT_MNT=$(readlink /proc/self/ns/mnt) unshare -m --propagation private -- bash -c "
    set -e
    [[ \$(readlink /proc/self/ns/mnt) != \"\$SST_PARENT_MNT\" ]] || exit 1
    $(declare -f shadow_dir)
    if mountpoint -q /run/netns; then umount -R -l /run/netns; fi
    shadow_dir /run '$work/run-stage' netns sshd
    mkdir -m 0755 /run/sshd
    mount -t tmpfs -o mode=0700 sst-fleet-home \"\$(getent passwd root | cut -d: -f6)\"
    : >'$work/holder.ready'
    exec sleep infinity" &
holder=$!
for _ in $(seq 100); do [[ -f $work/holder.ready ]] && break; sleep 0.05; done
[[ -f $work/holder.ready ]] || { echo "the mount namespace for sshd did not come up" >&2; exit 1; }

echo "starting $servers servers..."
ip netns add "$cli"
ip -n "$cli" link set lo up
: >"$work/hosts"
for ((i = 0; i < servers; i++)); do
    ns="sstf-$id-$i"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip link add "f$i" netns "$cli" type veth peer name eth0 netns "$ns"
    ip -n "$cli" addr add "198.51.100.$((2 * i))/31" dev "f$i"
    ip -n "$ns" addr add "198.51.100.$((2 * i + 1))/31" dev eth0
    ip -n "$cli" link set "f$i" up
    ip -n "$ns" link set eth0 up
    nsenter --net="/run/netns/$ns" -- nsenter -t "$holder" -m -- \
        /usr/sbin/sshd -D -f "$work/sshd_config" -o "PidFile=$work/sshd-$i.pid" -E "$work/sshd-$i.log" &
    printf '198.51.100.%s\n' $((2 * i + 1)) >>"$work/hosts"
done
in_client() { nsenter --net="/run/netns/$cli" -- "$@"; }
for _ in $(seq 200); do
    up=$(in_client python3 -c '
import socket, sys
ok = 0
for host in open(sys.argv[1]).read().split():
    try:
        socket.create_connection((host, 22), 1).close(); ok += 1
    except OSError:
        pass
print(ok)' "$work/hosts")
    ((up == servers)) && break
    sleep 0.1
done
((up == servers)) || { echo "only $up of $servers sshd answer" >&2; exit 1; }

# Ansible: key auth, host keys checked against the same known_hosts, nothing written outside $work.
awk '{ print $1 }' "$work/hosts" >"$work/inventory"
cat >"$work/ansible.cfg" <<CONFIG
[defaults]
inventory = $work/inventory
remote_user = root
private_key_file = $work/id_ed25519
host_key_checking = True
interpreter_python = /usr/bin/python3
remote_tmp = $work/ansible-remote
local_tmp = $work/ansible-local
[ssh_connection]
ssh_args = -o ControlMaster=no -o UserKnownHostsFile=$work/known_hosts -o GlobalKnownHostsFile=/dev/null
CONFIG

# CPU seconds the servers' sshd spent so far: each listener's own and its reaped children's
# (one sshd per connection, and what it ran: the collector, Ansible's python).
server_cpu() {
    python3 - "$work" "$servers" <<'PY'
import os, sys
work, servers = sys.argv[1], int(sys.argv[2])
ticks = 0
for i in range(servers):
    pid = open(f"{work}/sshd-{i}.pid").read().strip()
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    ticks += sum(int(f) for f in fields[11:15])
print(ticks / os.sysconf("SC_CLK_TCK"))
PY
}

# Waits (up to 60 s) until no sshd has a session left, so that a run's server CPU is all
# reaped before it is read, and none of it is counted in the next run.
servers_idle() {
    local i pid busy
    for _ in $(seq 600); do
        busy=0
        for ((i = 0; i < servers; i++)); do
            pid=$(<"$work/sshd-$i.pid")
            if [[ -n $(<"/proc/$pid/task/$pid/children") ]]; then
                busy=1
                break
            fi
        done
        ((busy)) || return 0
        sleep 0.1
    done
    echo "sessions still open after 60 s" >&2
}

run_tool() {
    local label=$1 before after
    shift
    servers_idle
    before=$(server_cpu)
    in_client env HOME="$work" ANSIBLE_CONFIG="$work/ansible.cfg" python3 "$here/measure.py" "$label" -- "$@" >"$work/run.json"
    servers_idle
    after=$(server_cpu)
    python3 -c 'import json, sys; run = json.load(open(sys.argv[1])); run["server_cpu_s"] = round(float(sys.argv[3]) - float(sys.argv[2]), 2); print(json.dumps(run))' \
        "$work/run.json" "$before" "$after" >>"$work/results.jsonl"
}
sshtriage() {
    run_tool "${2:-Get-SshListener $1}" "$dotnet" "$pwsh_dll" -NoProfile -NonInteractive -File "$here/fleet.ps1" \
        -Module "$module" -Transport "$1" -HostFile "$work/hosts" -KeyFile "$work/id_ed25519" -KnownHosts "$work/known_hosts" -ThrottleLimit "$throttle" "${@:3}"
}
ansible_adhoc() {
    run_tool "ansible ad hoc" ansible all -m command -a 'ss -H -ltn' -f "$throttle" -o
}

echo "$servers servers, throttle $throttle, $rounds rounds; OpenSSH $(ssh -V 2>&1 | cut -d, -f1), $(ansible --version 2>/dev/null | sed -n 1p)"
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: read the ratios, not the absolute times)"
for ((r = 1; r <= rounds; r++)); do
    sshtriage SshNet "PowerShell + Import-Module" -Baseline
    sshtriage SshNet
    sshtriage OpenSsh
    sshtriage SshNet "Get-SshListener SshNet curve25519" -KexAlgorithms curve25519-sha256
    sshtriage OpenSsh "Get-SshListener OpenSsh curve25519" -KexAlgorithms curve25519-sha256
    ansible_adhoc
    echo "round $r done (load average $(cut -d' ' -f1 /proc/loadavg))"
done

python3 - "$work/results.jsonl" "$servers" <<'PY'
import json, re, statistics, sys
servers = int(sys.argv[2])
runs = [json.loads(line) for line in open(sys.argv[1])]
tools = ["Get-SshListener SshNet", "Get-SshListener OpenSsh", "Get-SshListener SshNet curve25519", "Get-SshListener OpenSsh curve25519", "ansible ad hoc"]
baseline = [r for r in runs if r["label"] == "PowerShell + Import-Module"]

def ok(run):
    if run["label"].startswith("Get-SshListener"):
        m = re.search(r"hosts_ok=(\d+)", run["output"])
        return int(m.group(1)) if m else 0
    return len(re.findall(r"\| (?:CHANGED|SUCCESS) \|", run["output"]))

def cmdlet(run):
    m = re.search(r"cmdlet_s=([\d.]+)", run["output"])
    return float(m.group(1)) if m else None

rows = {}
for tool in tools:
    mine = [r for r in runs if r["label"] == tool]
    med = lambda key: statistics.median(r[key] for r in mine)
    inner = [cmdlet(r) for r in mine if cmdlet(r) is not None]
    rows[tool] = {
        "wall": med("wall_s"), "cpu": med("cpu_s"), "pss": med("peak_pss_mib"), "rss": med("peak_rss_mib"), "server": med("server_cpu_s"),
        "ok": min(ok(r) for r in mine), "inner": statistics.median(inner) if inner else None,
        "exits": sorted({r["exit"] for r in mine}),
    }
    for r in mine:
        if ok(r) != servers or r["exit"] != 0:
            print(f"!! {tool}: exit {r['exit']}, {ok(r)} of {servers} hosts read; output ends:\n{r['output'][-800:]}")

print()
print(f"{'tool':34} {'wall s':>8} {'in-call s':>9} {'CPU s':>8} {'server CPU s':>13} {'peak PSS MiB':>13} {'peak RSS MiB':>13} {'hosts read':>11}")
for tool in tools:
    row = rows[tool]
    inner = f"{row['inner']:.2f}" if row["inner"] is not None else "-"
    print(f"{tool:34} {row['wall']:8.2f} {inner:>9} {row['cpu']:8.2f} {row['server']:13.2f} {row['pss']:13.1f} {row['rss']:13.1f} {row['ok']:>6}/{servers}")
if baseline:
    base_wall = statistics.median(r["wall_s"] for r in baseline)
    base_cpu = statistics.median(r["cpu_s"] for r in baseline)
    print(f"(PowerShell's start and Import-Module alone, in both Get-SshListener runs: {base_wall:.2f} s wall, {base_cpu:.2f} s CPU;")
    per_server = lambda tool: (rows[tool]["cpu"] - (0 if tool == "ansible ad hoc" else base_cpu)) / servers * 1000
    print(" CPU per server without it: " + ", ".join(f"{tool.replace('Get-SshListener ', '')} {per_server(tool):.0f} ms" for tool in tools) + ")")

def ratios(title, base_tool, others):
    base = rows[base_tool]
    print()
    print(f"ratios to {title} (higher: it is better by that factor)")
    for tool in others:
        row = rows[tool]
        inner = f", in-call {row['inner'] / base['inner']:.2f}x" if row["inner"] and base["inner"] else ""
        print(f"  {tool:34} wall {row['wall'] / base['wall']:.2f}x{inner}, CPU {row['cpu'] / base['cpu']:.2f}x, peak PSS {row['pss'] / base['pss']:.2f}x")

ratios("the SSH.NET transport, default offer", "Get-SshListener SshNet", ["Get-SshListener OpenSsh", "ansible ad hoc"])
ratios("the SSH.NET transport, curve25519", "Get-SshListener SshNet curve25519", ["Get-SshListener OpenSsh curve25519"])
PY
