# Sourced by the benchmarks that hand a generated bundle to SshTriage.Bench: the repository
# root, the count (the script's first argument, 100,000 by default), a work directory removed
# on exit, and the bench program, built.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/bench/SshTriage.Bench" -c Release --nologo -v quiet >/dev/null
bench=(dotnet "$root/bench/SshTriage.Bench/bin/Release/net10.0/SshTriage.Bench.dll")
