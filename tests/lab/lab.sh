#!/usr/bin/env bash
# SshTriage network-namespace lab: real sshd, firewalls and TCP wrappers in
# throw-away network namespaces. See README.md beside this file.
#
#   lab.sh up <scenario> <statedir>     build, print KEY=value lines (also <statedir>/lab.env);
#                                       LAB_FROMHOST=1 adds the client's sshd (client_sshd_up)
#   lab.sh down <statedir>              tear down (idempotent)
#   lab.sh exec <statedir> <role> -- <cmd...>
#   lab.sh list
set -euo pipefail

LAB_SH=$(readlink -f -- "${BASH_SOURCE[0]}")
LAB_DIR=${LAB_SH%/*}
S=
LAB_ID=

# Every building block in lib/ (topology, hosts, users, sshd, and the daemons and
# firewalls scenarios add); they only define functions, so the order is free.
for lab_lib in "$LAB_DIR"/lib/*.sh; do
    # shellcheck source=/dev/null
    . "$lab_lib"
done
unset lab_lib

usage() {
    sed -n '5,9s/^#   //p' "$LAB_SH" >&2
    exit 2
}

need_root() {
    ((EUID == 0)) || die "the lab needs root (network and mount namespaces)"
}

scenario_names() {
    local f
    for f in "$LAB_DIR"/scenarios/*.sh; do
        f=${f##*/}
        printf '%s\n' "${f%.sh}"
    done
}

# Tail of every log of a failed `up`, printed before teardown deletes them.
dump_logs() {
    local f
    for f in "$S"/log/*.log; do
        [[ -s $f ]] || continue
        printf -- '--- %s\n' "${f##*/}" >&2
        tail -n 20 -- "$f" >&2
    done
}

cmd_up() {
    local scenario=$1 dir=$2
    [[ $scenario =~ ^[a-z0-9-]+$ && -f $LAB_DIR/scenarios/$scenario.sh ]] ||
        die "unknown scenario '$scenario' (lab.sh list)"
    need_root
    check_statedir_path "$dir"
    mkdir -p -- "$dir"
    S=$(realpath -- "$dir")
    [[ -f $S/lab.id ]] && die "a lab is already up in $S (lab.sh down $S)"
    [[ -z $(ls -A -- "$S") ]] || die "state dir $S is not empty"
    LAB_ID=$(lab_id_for "$S")
    if ip netns list | grep -q "^$LAB_ID-"; then
        die "namespaces $LAB_ID-* already exist (lab.sh down $S)"
    fi
    mkdir -p "$S/ns" "$S/pids" "$S/log" "$S/run"
    printf '%s\n' "$LAB_ID" >"$S/lab.id"
    # From here on a failure anywhere leaves nothing behind.
    trap 'rc=$?; if ((rc != 0)); then log "up failed; tearing down"; dump_logs; teardown; fi' EXIT
    # bash runs the EXIT trap on INT/TERM only if they are trapped too.
    trap 'exit 130' INT
    trap 'exit 143' TERM

    PORT=22
    lab_env LAB_ID "$LAB_ID"
    lab_env SCENARIO "$scenario"
    lab_env STATE_DIR "$S"
    lab_env LAB_SH "$LAB_SH"
    lab_env PORT "$PORT"
    # shellcheck source=/dev/null
    . "$LAB_DIR/scenarios/$scenario.sh"
    scenario_up
    if [[ ${LAB_JOURNAL:-0} == 1 ]]; then
        journal_caught_up
    fi
    # LAB_FROMHOST=1: the client runs an sshd too, so any scenario can be probed from
    # the client over ssh (-FromHost), not only those that start one themselves. Port
    # 2022, which no scenario filters (upstream-filter drops forwarded TCP to PORT).
    if [[ ${LAB_FROMHOST:-0} == 1 && -z $(env_get CLIENT_SSH_PORT) ]]; then
        client_sshd_up 2022
    fi
    lab_env LAB_READY 1
    trap - EXIT
    cat -- "$S/lab.env"
}

# Stop everything, then delete. Works from whatever is on disk, so it also
# cleans up after an `up` that died half way, and is a no-op the second time.
teardown() {
    local f ns pid i
    # Best effort all the way: one failing step must not leave the rest undone.
    set +e
    if [[ -d $S/pids ]]; then
        # Reverse start order: clients, then services, then the holders.
        while IFS= read -r f; do
            stop_recorded "$f"
        done < <(find "$S/pids" -maxdepth 1 -type f | sort -r)
    fi
    # Whatever is still inside a lab namespace was started by the lab (e.g. the
    # per-connection sshd children, which the listener does not take down).
    local -a namespaces
    mapfile -t namespaces < <(ip netns list | awk -v p="$LAB_ID-" 'index($1, p) == 1 { print $1 }')
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -TERM "$pid" 2>/dev/null || true
        done
    done
    for ((i = 0; i < 40; i++)); do
        local left=0
        for ns in "${namespaces[@]}"; do
            [[ -n $(ip netns pids "$ns" 2>/dev/null) ]] && left=1
        done
        ((left == 0)) && break
        sleep 0.05
    done
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null || true
        done
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -d $S ]]; then
        rm -rf -- "$S"
    fi
    set -e
    if ip netns list | grep -q "^$LAB_ID-" || [[ -e $S ]]; then
        log "teardown of $S incomplete"
        return 1
    fi
}

cmd_down() {
    local dir=$1
    need_root
    check_statedir_path "$dir"
    S=$(realpath -m -- "$dir")
    if [[ -d $S && ! -f $S/lab.id && -n $(ls -A -- "$S") ]]; then
        die "$S does not look like a lab state dir (no lab.id); not deleting it"
    fi
    if [[ -f $S/lab.id ]]; then
        LAB_ID=$(<"$S/lab.id")
    else
        LAB_ID=$(lab_id_for "$S")
    fi
    [[ $LAB_ID =~ ^sst-[0-9a-f]{6}$ ]] || die "bad lab id '$LAB_ID' in $S/lab.id"
    teardown
}

cmd_exec() {
    local dir=$1 role=$2
    shift 2
    [[ ${1:-} == -- ]] && shift
    (($# > 0)) || usage
    need_root
    S=$(realpath -- "$dir")
    [[ -f $S/lab.id ]] || die "no lab in $S"
    LAB_ID=$(<"$S/lab.id")
    host_exec "$role" "$@"
}

main() {
    local cmd=${1:-}
    case $cmd in
        up) (($# == 3)) || usage; cmd_up "$2" "$3" ;;
        down) (($# == 2)) || usage; cmd_down "$2" ;;
        exec) (($# >= 4)) || usage; shift; cmd_exec "$@" ;;
        list) scenario_names ;;
        _holder) (($# == 4)) || usage; holder_main "$2" "$3" "$4" ;;
        *) usage ;;
    esac
}

main "$@"
