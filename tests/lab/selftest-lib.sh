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

# selftest_up NAME KEY...: bring scenario NAME up in $S, check that the env it prints
# is lab.env and holds every KEY, load it, and check that the root namespace (the
# caller's root_snapshot) is as it was ($ROOT_BEFORE). Returns 1 when it could not
# come up (the lab is taken down again).
selftest_up() {
    local name=$1 out k
    shift
    if ! out=$("$LAB" up "$name" "$S" 2>"$BASE/$name.err"); then
        bad "$name: lab.sh up" "$(tail -n 5 "$BASE/$name.err" | tr '\n' ' ')"
        "$LAB" down "$S" >/dev/null 2>&1 || true
        return 1
    fi
    if [[ $out == "$(<"$S/lab.env")" ]]; then ok "$name: up" "$(wc -l <<<"$out") keys"; else bad "$name: stdout differs from lab.env"; fi
    for k in "$@"; do
        grep -q "^$k=." <<<"$out" || bad "$name: lab.env lacks $k"
    done
    # shellcheck source=/dev/null
    . "$S/lab.env"
    if [[ $(root_snapshot) == "$ROOT_BEFORE" ]]; then ok "$name: root namespace unchanged while up"; else bad "$name: root namespace changed" "$(diff <(echo "$ROOT_BEFORE") <(root_snapshot) | head -5 | tr '\n' ' ')"; fi
}

# verify_gone NAME ID INODES PIDS [DIR]: proof that teardown left nothing: namespaces,
# recorded pids, processes in the lab's namespaces, mounts, the state dir (DIR,
# by default $BASE/NAME).
verify_gone() {
    local name=$1 id=$2 inodes=$3 pids=$4 dir=${5:-$BASE/$1} left pid start p
    left=$(ip netns list | awk -v p="$id-" 'index($1, p) == 1 { print $1 }')
    if [[ -z $left ]]; then ok "$name: no $id-* namespace left"; else bad "$name: namespaces left" "$left"; fi
    left=
    while read -r pid start; do
        [[ -n $pid ]] || continue
        local stat rest
        { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || continue
        rest=${stat##*) }
        # shellcheck disable=SC2086
        set -- $rest
        [[ $1 != Z && ${20} == "$start" ]] && left+=" $pid"
    done <<<"$pids"
    if [[ -z $left ]]; then ok "$name: no recorded process alive"; else bad "$name: recorded processes alive" "$left"; fi
    left=
    for p in /proc/[0-9]*; do
        local l
        l=$(readlink "$p/ns/net" 2>/dev/null) || continue
        [[ " $inodes " == *" $l "* ]] && left+=" ${p#/proc/}"
    done
    if [[ -z $left ]]; then ok "$name: no process in the lab's namespaces"; else bad "$name: processes still in lab namespaces" "$left"; fi
    if grep -qF -- "$dir" /proc/self/mountinfo; then bad "$name: mounts left"; else ok "$name: no mount left"; fi
    if [[ -e $dir ]]; then bad "$name: state dir left"; else ok "$name: state dir removed"; fi
}

# selftest_down NAME T1 [VERIFY]: take the lab in $S down, twice (down is idempotent), prove with
# VERIFY (verify_gone by default, same arguments) that it left nothing, and say how long NAME took.
selftest_down() {
    local name=$1 t1=$2 verify=${3:-verify_gone} inodes="" ns pids
    for ns in $(ip netns list | awk -v p="$LAB_ID-" 'index($1, p) == 1 { print $1 }'); do
        inodes+=" net:[$(stat -L -c %i "/run/netns/$ns")]"
    done
    pids=$(cat "$S"/pids/* 2>/dev/null || true)
    "$LAB" down "$S" || bad "$name: lab.sh down failed"
    "$LAB" down "$S" || bad "$name: second lab.sh down failed (not idempotent)"
    "$verify" "$name" "$LAB_ID" "$inodes" "$pids" "$S"
    printf '      %s took %ds\n' "$name" $((SECONDS - t1))
}

# root_net_snapshot: the root namespace's addresses, routes and nft ruleset, the part of
# every self-test's root_snapshot that no lab may change.
root_net_snapshot() {
    ip -br addr
    ip route
    ip -6 route
    nft list ruleset 2>/dev/null
}

# selftest_each PATTERN [SCENARIO...]: note the root namespace (the caller's root_snapshot) in
# ROOT_BEFORE, then run_scenario each SCENARIO, or each scenario whose name matches PATTERN.
selftest_each() {
    local pattern=$1 sc scenarios
    shift
    ROOT_BEFORE=$(root_snapshot)
    if (($# > 0)); then
        scenarios=("$@")
    else
        mapfile -t scenarios < <("$LAB" list | grep -- "$pattern")
    fi
    for sc in "${scenarios[@]}"; do
        run_scenario "$sc"
    done
}

# selftest_finish WHAT: the root namespace is as ROOT_BEFORE says (WHAT names the check), then the
# summary line; returns failure when any check failed.
selftest_finish() {
    if [[ $(root_snapshot) == "$ROOT_BEFORE" ]]; then ok "$1"; else bad "$1: not so" "$(diff <(echo "$ROOT_BEFORE") <(root_snapshot) | head -5 | tr '\n' ' ')"; fi
    printf '%d passed, %d failed' "$PASS" "$FAIL"
    ((SKIP == 0)) || printf ', %d skipped' "$SKIP"
    printf ' (%ds)\n' $((SECONDS - T0))
    ((FAIL == 0))
}

# ---- checks the scenario self-tests share ---------------------------------------

# expect NAME TEXT REGEX: pass when TEXT matches the (extended) REGEX.
expect() {
    if [[ $2 =~ $3 ]]; then ok "$1" "$2"; else bad "$1" "got: $2"; fi
}

# probe_port ADDR PORT [probe.py options]: what a raw client in the client namespace sees.
probe_port() {
    "$LAB" exec "$S" client -- "$PY" "$PROBE" "$1" "$2" "${@:3}" 2>&1 || true
}

# probe ADDR [probe.py options]: probe_port on the scenario's PORT.
probe() {
    probe_port "$1" "$PORT" "${@:2}"
}

# t_ms FIELD TEXT: a t_connect/t_end value in milliseconds.
t_ms() {
    local v
    v=$(sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2")
    awk -v v="${v:-999}" 'BEGIN { printf "%d", v * 1000 }'
}

# fast NAME TEXT: the verdict came within 500 ms (no retransmission needed).
fast() {
    local ms
    ms=$(t_ms t_connect "$2")
    if ((ms < 500)); then ok "$1" "${ms} ms"; else bad "$1" "took ${ms} ms"; fi
}

# server_listens NAME: sshd listens on $PORT in the server namespace.
server_listens() {
    if "$LAB" exec "$S" server -- ss -Hltn "sport = :$PORT" | grep -q LISTEN; then
        ok "$1" "sshd listens in the server namespace"
    else
        bad "$1" "nothing listens on $PORT in the server namespace"
    fi
}

# as USER PORT CMD: a login as the module does it (no -F: the lab's keys and
# known_hosts given on the command line), from the client namespace.
as() {
    local user=$1 to_port=$2 key
    key="USER_${1^^}_KEY"
    "$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -l "$user" \
        -i "${!key}" -o IdentitiesOnly=yes -p "$to_port" -o UserKnownHostsFile="$KNOWN_HOSTS" \
        -o StrictHostKeyChecking=yes -- "$SERVER_ADDR" "${@:3}" 2>&1
}
