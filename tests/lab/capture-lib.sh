# shellcheck shell=bash
# What the capture-*.sh scripts share: the paths, the root check, a scratch dir,
# a teardown of every lab still up when the script exits, the Lab.Runner build,
# bringing a scenario up, running a command in the lab server the collector's way,
# and the fixture file format. Sourced; then call capture_init NAME BASE TEMPLATE.
#
# Variables. Set when sourced: HERE (tests/lab), ROOT (the checkout), LAB (lab.sh),
# FIXTURES (tests/SshTriage.Core.Tests/Fixtures, the default output root), and
# LAB_QUIET=1 (exported). By capture_init: CAPTURE_NAME, TMP (a fresh scratch dir,
# removed on exit), BASE (labs are brought up in BASE/<scenario>), S (the state dir
# of the lab that is up, empty when none). By capture_runner: RUNNER (the Lab.Runner
# dll). By up: S and every lab.env key. By ssh_cmd: SSH (array), SSH_TEXT. By
# run_srv: RC, and the files $TMP/out and $TMP/err. The caller sets OUT, the
# directory fixture writes under.

HERE=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LAB="$HERE/lab.sh"
# shellcheck disable=SC2034 # for the scripts that source this
FIXTURES="$ROOT/tests/SshTriage.Core.Tests/Fixtures"
export LAB_QUIET=1

# capture_init NAME BASE TEMPLATE: NAME for messages; BASE the folder the labs go
# in (empty: the scratch dir itself); TEMPLATE the mktemp template of the scratch
# dir (/tmp/sst-....XXXXXX). Needs root. On exit, INT or TERM every lab under BASE
# is taken down and the scratch dir (and BASE, if then empty) removed.
capture_init() {
    CAPTURE_NAME=$1
    ((EUID == 0)) || { echo "$CAPTURE_NAME: needs root" >&2; exit 2; }
    TMP=$(mktemp -d "$3")
    BASE=${2:-$TMP}
    S=
    trap capture_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

capture_cleanup() {
    local d
    for d in "$BASE"/*/; do
        [[ -f $d/lab.id ]] && "$LAB" down "${d%/}" >/dev/null 2>&1
    done
    rm -rf -- "$TMP"
    rmdir "$BASE" 2>/dev/null || true
}

# capture_runner: build SshTriage.Lab.Runner (Release) and set RUNNER to its dll.
capture_runner() {
    dotnet build "$ROOT/tests/SshTriage.Lab.Runner" -c Release --nologo -v quiet >/dev/null
    RUNNER="$ROOT/tests/SshTriage.Lab.Runner/bin/Release/net10.0/SshTriage.Lab.Runner.dll"
    [[ -f $RUNNER ]] || { echo "$CAPTURE_NAME: no $RUNNER after the build" >&2; exit 1; }
}

# up SCENARIO [SSHD_BIN]: bring SCENARIO up in $BASE/SCENARIO and load its lab.env.
# With SSHD_BIN (another sshd under test, e.g. openssh10.sh's) in $BASE/SCENARIO-10;
# without, SSHD_BIN is unset for lab.sh (the machine's sshd).
up() {
    local name=$1 bin=${2:-} dir="$BASE/$1"
    [[ -n $bin ]] && dir+=-10
    mkdir -p "$BASE"
    S=$dir
    if [[ -n $bin ]]; then
        SSHD_BIN=$bin "$LAB" up "$name" "$dir" >/dev/null
    else
        (unset SSHD_BIN; "$LAB" up "$name" "$dir" >/dev/null)
    fi
    # shellcheck source=/dev/null
    . "$S/lab.env"
}
down() { "$LAB" down "$S"; S=; }

# ssh_cmd USER PORT REMOTE [KNOWN_HOSTS [KEY]]: the module's command line from the
# client to $SERVER_ADDR, as an array (SSH) and as text for a header (SSH_TEXT).
# KEY defaults to USER_<USER>_KEY, KNOWN_HOSTS to $KNOWN_HOSTS.
ssh_cmd() {
    local user=$1 port=$2 remote=$3 kh=${4:-$KNOWN_HOSTS} key=${5:-}
    if [[ -z $key ]]; then
        key="USER_${user^^}_KEY"
        key=${!key}
    fi
    SSH=(ssh -T -o BatchMode=yes -o ConnectTimeout=5 -l "$user" -i "$key" -o IdentitiesOnly=yes
        -p "$port" -o UserKnownHostsFile="$kh" -o StrictHostKeyChecking=yes -- "$SERVER_ADDR" "$remote")
    # shellcheck disable=SC2034 # for the scripts that source this
    SSH_TEXT="ssh -T -o BatchMode=yes -o ConnectTimeout=5 -l $user -i $key -o IdentitiesOnly=yes -p $port -o UserKnownHostsFile=$kh -o StrictHostKeyChecking=yes -- $SERVER_ADDR '$remote'"
}

# run_srv AS SCRIPT: run SCRIPT in the server over the management sshd as triage,
# the script on stdin (AS=root: 'sudo -n sh -s'; anything else: 'sh -s'); stdout
# to $TMP/out, stderr to $TMP/err, exit status in RC.
# shellcheck disable=SC2034 # RC is for the scripts that source this
run_srv() {
    local as=$1 script=$2 remote='sudo -n sh -s'
    [[ $as == root ]] || remote='sh -s'
    ssh_cmd triage "$MGMT_PORT" "$remote"
    RC=0
    printf '%s\n' "$script" | "$LAB" exec "$S" client -- "${SSH[@]}" >"$TMP/out" 2>"$TMP/err" || RC=$?
}

# run_srv_stdout NAME AS SCRIPT: run_srv, and stop the capture when SCRIPT wrote on stderr
# without redirecting it itself: a stdout fixture must not hide a warning (NAME for the message).
run_srv_stdout() {
    run_srv "$2" "$3"
    if [[ -s $TMP/err && $3 != *'2>&1'* ]]; then
        echo "$CAPTURE_NAME: $1: unexpected stderr: $(head -c 300 "$TMP/err")" >&2
        exit 1
    fi
}

# srv_line CMD: the first line of CMD's output as root in the server (versions).
srv_line() {
    run_srv root "$1"
    head -n1 "$TMP/out" | tr -d '\r'
}

# as_text AS: how run_srv AS reached the server, for a "# source:" line.
as_text() {
    if [[ $1 == root ]]; then
        printf '%s' "root (ssh -p $MGMT_PORT -l triage ... 'sudo -n sh -s')"
    else
        printf '%s' "triage, no sudo (ssh -p $MGMT_PORT -l triage ... 'sh -s')"
    fi
}

# fixture REL COMMAND VERSION SOURCE EXIT BODYFILE: write $OUT/REL ("# command:",
# "# version:", "# source:", "# exit:", "# ---", then BODYFILE byte for byte) and
# print REL.
fixture() {
    local f="$OUT/$1"
    mkdir -p "${f%/*}"
    {
        printf '# command: %s\n' "$2"
        printf '# version: %s\n' "$3"
        printf '# source: %s\n' "$4"
        printf '# exit: %s\n' "$5"
        printf '# ---\n'
        cat -- "$6"
    } >"$f"
    printf '%s\n' "$1"
}
