# Sourced by the benchmarks that hand a generated bundle to SshTriage.Bench: the repository
# root, the count (the script's first argument, 100,000 by default), a work directory removed
# on exit, and the bench program, built.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/bench/SshTriage.Bench" -c Release --nologo -v quiet >/dev/null
bench=(dotnet "$root/bench/SshTriage.Bench/bin/Release/net10.0/SshTriage.Bench.dll")

# The bundle a hundredth the size: the memory a tool holds before the data grows.
small=$((count / 100))

# Runs both tools on a bundle of N written by the generator beside the calling script, with
# ARGUMENT last; their output also goes to $work/ours-N and $work/peer-N.
# Usage: compare KIND N ARGUMENT
compare() {
	python3 "$here/generate.py" "$2" >"$work/bundle-$2.txt"
	echo "bundle of $2: $(du -h "$work/bundle-$2.txt" | cut -f1)"
	"${bench[@]}" "$1" "$work/bundle-$2.txt" "$3" | tee "$work/ours-$2"
	python3 "$here/peer.py" "$work/bundle-$2.txt" "$3" | tee "$work/peer-$2"
}

# The peak a tool printed first (one run in a fresh process), in MiB.
first_peak() { grep -o -m1 '[0-9]* MiB' "$1" | head -n1 | cut -d' ' -f1; }

# What each tool's peak grew by from the small bundle to the full one: the memory the data
# itself takes, apart from what each runtime holds before it reads any (.NET's runtime and
# allocation budget are larger than Python's interpreter, whatever the data).
print_growth() {
	local ours=$(($(first_peak "$work/ours-$count") - $(first_peak "$work/ours-$small")))
	local peer=$(($(first_peak "$work/peer-$count") - $(first_peak "$work/peer-$small")))
	echo "memory for $count rather than $small: SshTriage +$ours MiB, Python +$peer MiB"
}
