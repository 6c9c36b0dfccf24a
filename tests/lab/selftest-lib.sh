# shellcheck shell=bash
# What every lab self-test shares: the paths, the root check, PASS/FAIL/SKIP
# counting with one line a check, a state folder for the labs it brings up, and a
# teardown of whatever is still up when it exits. Sourced; then call
# selftest_init NAME WIDTH (WIDTH: the column width of check names).

HERE=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
LAB="$HERE/lab.sh"
PROBE="$HERE/bin/probe.py"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=$(command -v python3)
export LAB_QUIET=1

selftest_init() {
    SELFTEST_NAME=$1
    SELFTEST_WIDTH=$2
    ((EUID == 0)) || {
        echo "$SELFTEST_NAME: needs root (network and mount namespaces)" >&2
        exit 2
    }
    PASS=0
    FAIL=0
    SKIP=0
    T0=$SECONDS
    BASE=$(mktemp -d "/tmp/sst-$SELFTEST_NAME.XXXXXX")
    S=
    trap selftest_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

selftest_cleanup() {
    local d
    for d in "$BASE"/*/; do
        [[ -f $d/lab.id ]] && "$LAB" down "${d%/}" >/dev/null 2>&1
    done
    rm -rf -- "$BASE"
}

ok() {
    PASS=$((PASS + 1))
    printf "PASS  %-${SELFTEST_WIDTH}s %s\n" "$1" "${2:-}"
}
bad() {
    FAIL=$((FAIL + 1))
    printf "FAIL  %-${SELFTEST_WIDTH}s %s\n" "$1" "${2:-}"
}
skip() {
    SKIP=$((SKIP + 1))
    printf "SKIP  %-${SELFTEST_WIDTH}s %s\n" "$1" "${2:-}"
}
