# shellcheck shell=bash
# State, process and waiting helpers shared by lab.sh and the scenarios.
# Sourced by lab.sh, which sets LAB_DIR and (for up/down/exec) S, the state dir.

LAB_PYTHON=${LAB_PYTHON:-/usr/bin/python3}
[[ -x $LAB_PYTHON ]] || LAB_PYTHON=$(command -v python3)

die() {
    printf 'lab: %s\n' "$*" >&2
    exit 1
}

log() {
    # stdout carries only KEY=value lines, so progress goes to stderr.
    [[ ${LAB_QUIET:-0} == 1 ]] || printf 'lab: %s\n' "$*" >&2
}

# The lab id is derived from the state dir path: concurrent labs (different state
# dirs) get different namespace names, and `down` can find the namespaces of a
# lab whose `up` died before writing anything.
lab_id_for() {
    local hash
    hash=$(printf '%s' "$(realpath -m -- "$1")" | sha256sum)
    printf 'sst-%s' "${hash:0:6}"
}

# Values are written unquoted (KEY=value) so both `source` and simple parsers work;
# the state dir is therefore restricted to characters that need no quoting.
check_statedir_path() {
    [[ $1 =~ ^[A-Za-z0-9._/+-]+$ ]] || die "state dir path must match [A-Za-z0-9._/+-]+: $1"
}

# lab_env KEY VALUE: record a key for lab.env (last value wins, order kept).
lab_env() {
    local key=$1 value=$2 file="$S/lab.env"
    [[ $key =~ ^[A-Z][A-Z0-9_]*$ ]] || die "bad env key: $key"
    [[ $value != *[[:space:]]* ]] || die "env value for $key contains whitespace"
    if [[ -f $file ]] && grep -q "^$key=" "$file"; then
        local tmp="$file.tmp"
        awk -v k="$key" -v v="$value" -F= '$1 == k { print k "=" v; next } { print }' "$file" >"$tmp"
        mv -f -- "$tmp" "$file"
    else
        printf '%s=%s\n' "$key" "$value" >>"$file"
    fi
}

# Start time (clock ticks since boot) of a pid, to tell it from a reused pid later.
proc_starttime() {
    local stat rest
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    rest=${stat##*) }
    # shellcheck disable=SC2086 # split on purpose: fields after "(comm) "
    set -- $rest
    printf '%s' "${20}"
}

# True while the recorded process (same pid and start time) exists and is not a zombie.
proc_alive() {
    local pid=$1 start=$2 stat rest
    { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
    rest=${stat##*) }
    # shellcheck disable=SC2086
    set -- $rest
    [[ $1 != Z && ${20} == "$start" ]]
}

# lab_record NAME PID: remember a process this lab started. Files sort in start
# order, so teardown can stop them in reverse.
lab_record() {
    local name=$1 pid=$2 start seq
    start=$(proc_starttime "$pid") || die "process $name ($pid) died at once; see $S/log/$name.log"
    seq=$(find "$S/pids" -maxdepth 1 -type f | wc -l)
    printf '%s %s\n' "$pid" "$start" >"$S/pids/$(printf '%03d' "$seq")-$name"
}

lab_pid() {
    local f pid
    for f in "$S"/pids/*-"$1"; do
        [[ -f $f ]] || continue
        read -r pid _ <"$f" && printf '%s' "$pid" && return 0
    done
    return 1
}

# lab_spawn NAME CMD...: run CMD in the background, detached from the caller's
# terminal and stdout (so `$(lab.sh up ...)` returns), and record its pid. The
# commands used here (setsid, ip netns exec, nsenter, unshare) exec rather than
# fork, so $! is the pid of the final program.
lab_spawn() {
    local name=$1
    shift
    setsid "$@" </dev/null >>"$S/log/$name.log" 2>&1 &
    lab_record "$name" "$!"
}

# Stop one recorded process: TERM, a bounded wait, then KILL. Only the exact
# process recorded (pid and start time) is signalled.
stop_recorded() {
    local file=$1 pid start i
    read -r pid start <"$file" || return 0
    proc_alive "$pid" "$start" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        proc_alive "$pid" "$start" || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        proc_alive "$pid" "$start" || return 0
        sleep 0.05
    done
    log "warning: pid $pid ($file) survived SIGKILL"
}

# lab_wait SECONDS WHAT CMD...: poll CMD every 50 ms until it succeeds; bounded.
lab_wait() {
    local secs=$1 what=$2 i
    shift 2
    for ((i = 0; i < secs * 20; i++)); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.05
    done
    die "timed out after ${secs}s waiting for $what"
}
