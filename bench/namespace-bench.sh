# Sourced by the benchmarks that build network namespaces as root (fleet, test-sshport,
# find-cause): the repository root, the root check, and the prologue steps they share.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
((EUID == 0)) || { echo "run as root: the benchmark builds network namespaces" >&2; exit 2; }

# bench_needs TOOL...: stop (exit 2) at the first tool that is not installed; BENCH_HINT, when
# set, says where to get it.
bench_needs() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "missing $tool${BENCH_HINT:+ ($BENCH_HINT)}" >&2; exit 2; }
    done
}

# bench_runner: build SshTriage.Lab.Runner (Release), the Core without PowerShell around it,
# and set runner to its dll.
bench_runner() {
    echo "building the lab runner..."
    dotnet build "$root/tests/SshTriage.Lab.Runner" -c Release --nologo -v quiet >/dev/null
    runner="$root/tests/SshTriage.Lab.Runner/bin/Release/net10.0/SshTriage.Lab.Runner.dll"
}

# bench_id: six random hex digits for the namespace names, so two runs at once do not collide.
bench_id() {
    head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# bench_netns_del NS...: end every process in each namespace, then delete it (cleanup traps).
bench_netns_del() {
    local ns
    for ns in "$@"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
    return 0
}
