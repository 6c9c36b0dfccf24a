# shellcheck shell=bash
# The sshd under test, the management sshd and the client's SSH identities.
# Everything (host keys, configs, pid files, authorized_keys) lives in the state
# dir; inside the server's mount namespace /etc/ssh/sshd_config is a bind mount of
# the config of the sshd under test ("main"), so `sshd -T`/`sshd -t` run there see
# exactly that daemon's config. The machine's own /etc/ssh is never changed.

SSHD_BIN=${SSHD_BIN:-/usr/sbin/sshd}
MGMT_PORT=2222

# server_host_up: the server's identity (users, sudoers, homes), its mount
# namespace, syslog, host keys and the client's keys/config, so the scenario only
# has to start services. /etc/ssh/sshd_config already holds a default config for
# the sshd under test (not started).
server_host_up() {
    [[ -x $SSHD_BIN ]] || die "no sshd at $SSHD_BIN"
    mkdir -p "$S/server/sshd-main" "$S/server/authorized_keys.d" "$S/server/bin"
    SSHD_VERSION=$(sshd_version "$SSHD_BIN")
    lab_env SSHD_VERSION "$SSHD_VERSION"
    server_identity
    # The placeholder the holder bind-mounts at /etc/ssh/sshd_config; rewritten in
    # place (same inode) by sshd_start main.
    printf '# sst lab: sshd under test not configured yet\n' >"$S/server/sshd-main/sshd_config"
    host_mountns server sst-server
    lab_env SERVER_HOSTNAME sst-server
    host_syslog server sst-server "$S/auth.log"
    lab_env AUTH_LOG "$S/auth.log"
    # Where sshd's lines are for a reader in the server: /var/log/auth.log, or only the journal.
    lab_env SERVER_LOG "$([[ ${LAB_JOURNAL:-0} == 1 ]] && echo journal || echo /var/log/auth.log)"
    ssh_identities
    sshd_write_config main "${PORT:-22}"
    lab_env SSHD_CONFIG "$S/server/sshd-main/sshd_config"
    lab_env SSHD_BIN "$SSHD_BIN"
}

# sshd_version BIN: "9.2", "10.0" (from `sshd -V`: "OpenSSH_9.2p1 Debian..., OpenSSL ...").
sshd_version() {
    local v
    v=$("$1" -V 2>&1 | sed -n 's/^OpenSSH_\([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
    [[ -n $v ]] || die "cannot tell the OpenSSH version of $1"
    printf '%s' "$v"
}

sshd_major() {
    printf '%s' "${SSHD_VERSION%%.*}"
}

# OpenSSH >= 9.8 splits sshd into sshd, sshd-session (and, from 10.0, sshd-auth);
# an unpacked copy (openssh10.sh) keeps them in <root>/usr/lib/openssh.
sshd_helper_dir() {
    local bin=${1:-$SSHD_BIN} root
    root=${bin%/usr/sbin/sshd}
    [[ $root != "$bin" && -x $root/usr/lib/openssh/sshd-session ]] || return 1
    printf '%s' "$root/usr/lib/openssh"
}

ssh_identities() {
    local keys="$S/server/keys" c="$S/client" u
    mkdir -p "$keys" "$c"
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-host -f "$keys/ssh_host_ed25519_key"
    ssh-keygen -q -t ecdsa -N '' -C sst-lab-host -f "$keys/ssh_host_ecdsa_key"
    # Never used by any server: for WRONG_KNOWN_HOSTS.
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-impostor -f "$c/impostor_host_ed25519_key"
    ssh-keygen -q -t ecdsa -N '' -C sst-lab-impostor -f "$c/impostor_host_ecdsa_key"
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-client -f "$c/id_ed25519"
    # Authorized for nobody: a wrong key.
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-wrong -f "$c/id_wrong"
    # Per-user files (%u), one key each.
    cp "$c/id_ed25519.pub" "$S/server/authorized_keys.d/root"
    for u in "${LAB_USERS[@]}"; do
        ssh-keygen -q -t ed25519 -N '' -C "sst-lab-$u" -f "$c/id_$u"
        cp "$c/id_$u.pub" "$S/server/authorized_keys.d/$u"
        lab_env "USER_${u^^}_KEY" "$c/id_$u"
        lab_env "USER_${u^^}_PASSWORD" "$(lab_user_password "$u")"
    done
    chmod 0755 "$S/server/authorized_keys.d"
    chmod 0644 "$S/server/authorized_keys.d"/*
    : >"$c/known_hosts"
    : >"$c/wrong_known_hosts"
    known_hosts_add "${PORT:-22}"
    known_hosts_add "$MGMT_PORT"
    # ssh takes ~/.ssh from the passwd entry, not $HOME: give callers a config file.
    root_ssh_config "${PORT:-22}" "$c/id_ed25519" "$c/known_hosts" >"$c/ssh_config"
    lab_env SSH_CONFIG "$c/ssh_config"
    lab_env CLIENT_KEY "$c/id_ed25519"
    lab_env USER_ROOT_KEY "$c/id_ed25519"
    lab_env WRONG_KEY "$c/id_wrong"
    lab_env KNOWN_HOSTS "$c/known_hosts"
    lab_env WRONG_KNOWN_HOSTS "$c/wrong_known_hosts"
    lab_env AUTHORIZED_KEYS "$S/server/authorized_keys.d/root"
    lab_env AUTHORIZED_KEYS_DIR "$S/server/authorized_keys.d"
}

# root_ssh_config PORT KEY KNOWN_HOSTS: an ssh_config for root's logins to one lab sshd, strict
# and non-interactive (both the client's SSH_CONFIG and the server's FROMHOST_SSH_CONFIG are this).
root_ssh_config() {
    cat <<EOF
Host *
    User root
    Port $1
    IdentityFile $2
    IdentitiesOnly yes
    UserKnownHostsFile $3
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF
}

# known_hosts_add PORT: the server's host keys (and, in WRONG_KNOWN_HOSTS, other
# keys under the same names) for both server addresses on PORT.
known_hosts_add() {
    local port=$1 c="$S/client" addr name k
    for addr in "$(env_get SERVER_ADDR)" "$(env_get SERVER_ADDR6)"; do
        if [[ $port == 22 ]]; then name=$addr; else name="[$addr]:$port"; fi
        grep -qF -- "$name " "$c/known_hosts" && continue
        for k in "$S/server/keys"/*.pub; do
            printf '%s %s\n' "$name" "$(cut -d' ' -f1,2 "$k")" >>"$c/known_hosts"
        done
        for k in "$c"/impostor_host_*.pub; do
            printf '%s %s\n' "$name" "$(cut -d' ' -f1,2 "$k")" >>"$c/wrong_known_hosts"
        done
    done
}

# sshd_write_config NAME PORT [LINE...] [-- TRAILING LINE...]: write
# <statedir>/server/sshd-NAME/sshd_config in place (for "main" that file is
# /etc/ssh/sshd_config in the server). LINEs go first because sshd keeps the first
# value it reads for a keyword; TRAILING lines go last (Match blocks). A LINE
# starting with "ListenAddress" replaces the default 0.0.0.0 and ::.
sshd_write_config() {
    local name=$1 port=$2 dir="$S/server/sshd-$1" keys="$S/server/keys" line listen=1
    shift 2
    local -a head=() tail=()
    while (($# > 0)); do
        if [[ $1 == -- ]]; then
            shift
            tail=("$@")
            break
        fi
        head+=("$1")
        [[ $1 == ListenAddress* ]] && listen=0
        shift
    done
    mkdir -p "$dir"
    {
        printf '# sst lab sshd "%s"\n' "$name"
        for line in "${head[@]}"; do printf '%s\n' "$line"; done
        printf 'Port %s\n' "$port"
        if ((listen)); then
            printf 'ListenAddress 0.0.0.0\nListenAddress ::\n'
        fi
        cat <<EOF
HostKey $keys/ssh_host_ed25519_key
HostKey $keys/ssh_host_ecdsa_key
PidFile $dir/sshd.pid
UsePAM no
SyslogFacility AUTH
LogLevel VERBOSE
UseDNS no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile /etc/ssh/authorized_keys.d/%u
StrictModes no
PrintMotd no
Subsystem sftp internal-sftp
EOF
        local hd
        if hd=$(sshd_helper_dir "${SSHD_INSTANCE_BIN:-$SSHD_BIN}"); then
            if [[ $name == main ]]; then
                printf 'SshdSessionPath %s\n' "$hd/sshd-session"
            else
                # Own name, so its log lines say sshd-NAME-session[pid], not sshd-session.
                ln -sfn "$hd/sshd-session" "$S/server/bin/sshd-$name-session"
                printf 'SshdSessionPath %s\n' "$S/server/bin/sshd-$name-session"
            fi
            [[ -x $hd/sshd-auth ]] && printf 'SshdAuthPath %s\n' "$hd/sshd-auth"
        fi
        for line in "${tail[@]}"; do printf '%s\n' "$line"; done
    } >"$dir/sshd_config"
}

# sshd_start NAME PORT [LINE...] [-- TRAILING...]: one sshd instance in the server host.
sshd_start() {
    # SSHD_INSTANCE_BIN (path inside the server) overrides SSHD_BIN for this instance.
    local name=$1 port=$2 dir="$S/server/sshd-$1" sbin=${SSHD_INSTANCE_BIN:-$SSHD_BIN} bin
    bin=$sbin
    sshd_write_config "$@"
    shift 2
    host_exec server "$sbin" -t -f "$dir/sshd_config" ||
        die "sshd -t rejected $dir/sshd_config"
    if [[ $name != main ]]; then
        # Started as <statedir>/server/bin/sshd-NAME (a symlink): sshd logs under
        # its argv[0] name and libwrap checks that name, so "sshd: ALL" in
        # hosts.deny and Fail2Ban's sshd filter leave this instance alone.
        bin="$S/server/bin/sshd-$name"
        ln -sfn "$sbin" "$bin"
    fi
    # -D: no daemonising, so the recorded pid is the listener itself. Without -e
    # it logs through syslog, i.e. the private /dev/log.
    host_spawn "sshd-$name" server "$bin" -D -f "$dir/sshd_config"
    local fams=46
    # Listening on loopback only still counts (127.0.0.1:PORT, [::1]:PORT).
    lab_wait 10 "sshd $name to listen on port $port" listening server "$port" "$fams"
    lab_wait 5 "sshd $name pid file" test -s "$dir/sshd.pid"
    known_hosts_add "$port"
    local key=SSHD
    [[ $name == main ]] || key="SSHD_$(role_key "$name")"
    lab_env "${key}_CONFIG" "$dir/sshd_config"
    lab_env "${key}_PID" "$(lab_pid "sshd-$name")"
    lab_env "${key}_PIDFILE" "$dir/sshd.pid"
    lab_env "${key}_BIN" "${SSHD_INSTANCE_LABEL:-$sbin}"
    lab_env "${key}_PORT" "$port"
}

# sshd_start_unpenalised NAME PORT [LINE...]: sshd_start, with OpenSSH 10's PerSourcePenalties
# off, for scenarios whose failed logins must not get the client dropped (see penalty).
sshd_start_unpenalised() {
    local name=$1 port=$2
    shift 2
    local -a extra=()
    (($(sshd_major) >= 10)) && extra+=("PerSourcePenalties no")
    sshd_start "$name" "$port" "${extra[@]}" "$@"
}

# mgmt_sshd_up: a management sshd on MGMT_PORT (2222), same users, keys and
# syslog as the sshd under test but its own config outside /etc/ssh and no
# penalties/limits, so server-side commands work while the sshd under test is broken.
# It is always the machine's own sshd (Debian 12: 9.2), also when the sshd under
# test is another one: OpenSSH 10's sshd-session checks TCP wrappers under the
# name "sshd" whatever its argv[0], so hosts-deny would lock it out too.
# With a ROLE other than server (a gateway): that host's own management sshd,
# see mgmt_sshd_hop_up. A scenario may add Match blocks (MGMT_SSHD_MATCH, lines).
MGMT_SSHD_MATCH=()
mgmt_sshd_up() {
    if [[ ${1:-server} != server ]]; then
        mgmt_sshd_hop_up "$1"
        return
    fi
    local -a extra=()
    local sbin=/usr/sbin/sshd version
    version=$(sshd_version /usr/sbin/sshd)
    if [[ $SSHD_BIN != /usr/sbin/sshd ]]; then
        # /usr/sbin/sshd in the server is SSHD_BIN; the holder keeps the real one here.
        sbin="$S/server/bin/sshd-system"
    fi
    if ((${version%%.*} >= 10)); then
        extra+=("PerSourcePenalties no")
    fi
    # The stall user's sessions never run what they are sent, so a client's own
    # time limit is what ends them (SshCommandTimedOut, produced for real). triage
    # and nosudo may also log in with their passwords (a runbook's PSCredential).
    SSHD_INSTANCE_BIN=$sbin SSHD_INSTANCE_LABEL=/usr/sbin/sshd \
        sshd_start mgmt "$MGMT_PORT" "${extra[@]}" "MaxStartups 100:30:200" -- \
        "Match User stall" "    ForceCommand sleep 300" \
        "Match User triage,nosudo" "    PasswordAuthentication yes" "${MGMT_SSHD_MATCH[@]}"
    lab_env SSHD_MGMT_VERSION "$version"
    lab_env MGMT_PORT "$MGMT_PORT"
}

# server_up [LINE...]: what most scenarios start from: the topology, the server host with
# its management sshd, and the sshd under test on $PORT (LINEs go to its sshd_config).
server_up() {
    topo_base
    server_host_up
    mgmt_sshd_up
    sshd_start main "$PORT" "$@"
}

env_get() {
    sed -n "s/^$1=//p" "$S/lab.env" | tail -n1
}

# client_match_address: the sshd_config line "Match Address <client v4>,<client v6>".
client_match_address() {
    printf 'Match Address %s,%s' "$(env_get CLIENT_ADDR)" "$(env_get CLIENT_ADDR6)"
}

# host_sshd_up NAME ROLE PORT PUBKEY [LISTEN...]: the machine's own sshd in a lab
# host other than the server (the client, a gateway), for root only, with PUBKEY
# (a .pub file) authorized. It runs in a mount namespace of its own, NAME, inside
# ROLE's network namespace (host_mountns NAME ... ROLE): sshd needs /run/sshd and
# a /dev/log, a pty login writes wtmp and lastlog, and none of that may touch the
# machine's /run or /var/log; `lab.sh exec ROLE` stays the plain network namespace
# the existing scenarios and tests run in. LISTEN addresses replace 0.0.0.0 and ::.
# Files in <statedir>/NAME/: keys/ (host keys), authorized_keys, sshd_config,
# sshd.pid, log/auth.log (`sst-ROLE sshd[pid]:` lines, also /var/log/auth.log in
# NAME). HOST_SSHD_PROG (default sshd) names the process, as the server's
# management sshd runs as sshd-mgmt. Keys: <NAME>_PID _CONFIG _PIDFILE _PORT
# _AUTH_LOG (and host_mountns's <NAME>_HOLDER_PID _HOSTS_ALLOW _HOSTS_DENY).
host_sshd_up() {
    local name=$1 role=$2 port=$3 pub=$4 dir="$S/$1" prog=${HOST_SSHD_PROG:-sshd} bin=/usr/sbin/sshd
    local key fams="" a f
    shift 4
    key=$(role_key "$name")
    [[ -f $pub ]] || die "host_sshd_up $name: no public key $pub"
    mkdir -p "$dir/keys" "$dir/log" "$dir/bin"
    ssh-keygen -q -t ed25519 -N '' -C "sst-lab-$role-host" -f "$dir/keys/ssh_host_ed25519_key"
    ssh-keygen -q -t ecdsa -N '' -C "sst-lab-$role-host" -f "$dir/keys/ssh_host_ecdsa_key"
    cp -- "$pub" "$dir/authorized_keys"
    chmod 0644 "$dir/authorized_keys"
    for f in auth.log wtmp btmp lastlog; do : >"$dir/log/$f"; done
    if (($# == 0)); then set -- 0.0.0.0 ::; fi
    for a in "$@"; do
        if [[ $a == *:* ]]; then fams+=6; else fams+=4; fi
    done
    {
        printf '# sst lab sshd "%s" in the %s host (root only)\n' "$name" "$role"
        # No OpenSSH 10 penalties: a tool's repeated logins must not lock it out.
        if (($(sshd_version "$bin" | cut -d. -f1) >= 10)); then
            printf 'PerSourcePenalties no\n'
        fi
        printf 'Port %s\n' "$port"
        for a in "$@"; do printf 'ListenAddress %s\n' "$a"; done
        cat <<EOF
HostKey $dir/keys/ssh_host_ed25519_key
HostKey $dir/keys/ssh_host_ecdsa_key
PidFile $dir/sshd.pid
UsePAM no
SyslogFacility AUTH
LogLevel VERBOSE
UseDNS no
AllowUsers root
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PrintMotd no
PrintLastLog no
Subsystem sftp internal-sftp
EOF
    } >"$dir/sshd_config"
    host_mountns "$name" "sst-$role" "$role"
    # A private /var/log in NAME only: the lab's auth.log, wtmp, btmp and lastlog
    # (the machine's stay untouched even by a pty login). Refuses unless this is
    # the lab's mount namespace (its /run is the lab tmpfs).
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    host_exec "$name" bash -euc '
        d=$1
        [[ $(findmnt -n -o SOURCE,FSTYPE /run) == "sst-lab tmpfs" ]] || { echo "not a lab mount namespace" >&2; exit 1; }
        mount -t tmpfs -o mode=0755,nosuid sst-lab /var/log
        for f in auth.log wtmp btmp lastlog; do
            : >"/var/log/$f"
            mount --bind -- "$d/log/$f" "/var/log/$f"
        done
    ' _ "$dir" || die "could not give $name a private /var/log"
    host_syslog "$name" "sst-$role" "$dir/log/auth.log"
    if [[ $prog != sshd ]]; then
        # sshd re-executes itself by argv[0], so the name is an absolute symlink.
        ln -sfn "$bin" "$dir/bin/$prog"
        bin="$dir/bin/$prog"
    fi
    host_exec "$name" "$bin" -t -f "$dir/sshd_config" || die "sshd -t rejected $dir/sshd_config"
    host_spawn "sshd-$name" "$name" "$bin" -D -f "$dir/sshd_config"
    lab_wait 10 "sshd $name to listen on port $port" listening "$role" "$port" "$fams"
    lab_wait 5 "sshd $name pid file" test -s "$dir/sshd.pid"
    lab_env "${key}_PID" "$(lab_pid "sshd-$name")"
    lab_env "${key}_CONFIG" "$dir/sshd_config"
    lab_env "${key}_PIDFILE" "$dir/sshd.pid"
    lab_env "${key}_PORT" "$port"
    lab_env "${key}_AUTH_LOG" "$dir/log/auth.log"
}

# host_sshd_known_hosts NAME PORT FILE ADDR...: append NAME's host keys for each
# ADDR on PORT ("addr" for 22, "[addr]:port" otherwise) to FILE.
host_sshd_known_hosts() {
    local name=$1 port=$2 file=$3 addr entry k
    shift 3
    for addr in "$@"; do
        if [[ $port == 22 ]]; then entry=$addr; else entry="[$addr]:$port"; fi
        for k in "$S/$name/keys"/*.pub; do
            printf '%s %s\n' "$entry" "$(cut -d' ' -f1,2 "$k")" >>"$file"
        done
    done
}

# client_sshd_up [PORT]: an sshd on the CLIENT host (PORT, default 22, on the
# client's own addresses only), so that a program in the server can log in to
# the client: the seed case's "L can SSH to R, R cannot SSH to L", and a probe
# run on the client over SSH (the reverse path). Root only, with a key of its
# own made for the server side. ssh takes ~/.ssh from the passwd entry, not
# $HOME, so everything a caller needs is a file named in lab.env:
#   lab.sh exec <statedir> server -- ssh -F "$FROMHOST_SSH_CONFIG" "$CLIENT_ADDR" true
# or, without the config, -i "$FROMHOST_KEY" -o UserKnownHostsFile="$FROMHOST_KNOWN_HOSTS".
# The files live in <statedir>/server/fromhost/ (root's; the key is 0600). Keys:
# CLIENT_SSH_PORT, FROMHOST_USER, FROMHOST_KEY, FROMHOST_KNOWN_HOSTS,
# FROMHOST_SSH_CONFIG, and host_sshd_up's CLIENT_SSHD_*.
client_sshd_up() {
    local port=${1:-22} f="$S/server/fromhost" addr addr6
    addr=$(env_get CLIENT_ADDR)
    addr6=$(env_get CLIENT_ADDR6)
    [[ -n $addr && -n $addr6 ]] || die "client_sshd_up: no client addresses yet (topo_base or topo_gateway first)"
    mkdir -p "$f"
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-fromhost -f "$f/id_ed25519"
    host_sshd_up client-sshd client "$port" "$f/id_ed25519.pub" "$addr" "$addr6"
    : >"$f/known_hosts"
    host_sshd_known_hosts client-sshd "$port" "$f/known_hosts" "$addr" "$addr6"
    {
        echo "# sst lab: ssh from the server to the client's sshd (client_sshd_up)"
        root_ssh_config "$port" "$f/id_ed25519" "$f/known_hosts"
    } >"$f/ssh_config"
    lab_env CLIENT_SSH_PORT "$port"
    lab_env FROMHOST_USER root
    lab_env FROMHOST_KEY "$f/id_ed25519"
    lab_env FROMHOST_KNOWN_HOSTS "$f/known_hosts"
    lab_env FROMHOST_SSH_CONFIG "$f/ssh_config"
}

# route_next_hop ROLE ADDR: the address ROLE's route to ADDR goes through ("via").
route_next_hop() {
    in_ns "$1" ip -o route get "$2" | sed -n 's/.* via \([^ ]*\) .*/\1/p' | head -n1
}

# mgmt_sshd_hop_up ROLE: the management sshd of a host between client and server
# (the gateway), so a tool can read that hop's own firewall over SSH. Root only,
# with the client's root key (CLIENT_KEY), MGMT_PORT on every address of ROLE;
# its host keys are added to KNOWN_HOSTS for all of them. The address recorded is
# the one the client reaches the hop at: the next hop of the client's route to
# the server (what a route lookup on the client names). Needs server_host_up
# first (the client's keys). Keys, <ROLE> being e.g. GATEWAY: <ROLE>_MGMT_ADDR
# _ADDR6 _USER _KEY _KNOWN_HOSTS, and host_sshd_up's <ROLE>_MGMT_PORT _PID
# _CONFIG _PIDFILE _AUTH_LOG _HOLDER_PID _HOSTS_ALLOW _HOSTS_DENY.
mgmt_sshd_hop_up() {
    local role=$1 name="$1-mgmt" key addr addr6 a
    local -a all
    key=$(role_key "$name")
    [[ -f $S/client/id_ed25519.pub ]] || die "mgmt_sshd_up $role: server_host_up first (the client's keys)"
    addr=$(route_next_hop client "$(env_get SERVER_ADDR)")
    addr6=$(route_next_hop client "$(env_get SERVER_ADDR6)")
    mapfile -t all < <(in_ns "$role" ip -o addr show scope global | awk '{ sub("/.*", "", $4); print $4 }')
    for a in "$addr" "$addr6"; do
        [[ -n $a && " ${all[*]} " == *" $a "* ]] ||
            die "mgmt_sshd_up $role: the $role host is not the client's next hop to the server ('$a')"
    done
    HOST_SSHD_PROG=sshd-mgmt host_sshd_up "$name" "$role" "$MGMT_PORT" "$S/client/id_ed25519.pub"
    host_sshd_known_hosts "$name" "$MGMT_PORT" "$S/client/known_hosts" "${all[@]}"
    lab_env "${key}_ADDR" "$addr"
    lab_env "${key}_ADDR6" "$addr6"
    lab_env "${key}_USER" root
    lab_env "${key}_KEY" "$S/client/id_ed25519"
    lab_env "${key}_KNOWN_HOSTS" "$S/client/known_hosts"
}

# client_ssh USER KEY PORT CMD [SSH OPTION...]: one real, non-interactive login
# from the client namespace to the server (bounded; output in log/client-ssh.log).
client_ssh() {
    local user=$1 key=$2 port=$3 cmd=$4
    shift 4
    in_ns client timeout 20 ssh -F /dev/null -T -o BatchMode=yes -o ConnectTimeout=5 \
        -o IdentitiesOnly=yes -o UserKnownHostsFile="$S/client/known_hosts" \
        -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
        -i "$key" "$@" -p "$port" -l "$user" -- "$(env_get SERVER_ADDR)" "$cmd" \
        </dev/null >>"$S/log/client-ssh.log" 2>&1
}

# client_ssh_password USER PASSWORD PORT [DELAY]: one password login attempt, the password
# given through SSH_ASKPASS (no tty, no sshpass) after DELAY seconds (a user slow to type it).
client_ssh_password() {
    local user=$1 pw=$2 port=$3 delay=${4:-0} askpass="$S/client/askpass"
    if [[ ! -x $askpass ]]; then
        cat >"$askpass" <<'EOF2'
#!/bin/sh
sleep "$SST_LAB_PASSWORD_DELAY"
printf '%s\n' "$SST_LAB_PASSWORD"
EOF2
        chmod 0755 "$askpass"
    fi
    SSH_ASKPASS=$askpass SSH_ASKPASS_REQUIRE=force SST_LAB_PASSWORD=$pw SST_LAB_PASSWORD_DELAY=$delay DISPLAY='' \
        in_ns client timeout 20 setsid -w ssh -F /dev/null -T -o BatchMode=no -o ConnectTimeout=5 \
        -o PreferredAuthentications=password -o PubkeyAuthentication=no \
        -o NumberOfPasswordPrompts=1 -o UserKnownHostsFile="$S/client/known_hosts" \
        -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
        -p "$port" -l "$user" -- "$(env_get SERVER_ADDR)" true \
        </dev/null >>"$S/log/client-ssh.log" 2>&1
}

# require_openssh10: scenarios that need OpenSSH >= 10 use SSHD_BIN when it is one,
# else the copy unpacked by openssh10.sh (never downloaded implicitly).
require_openssh10() {
    local bin
    if [[ -x $SSHD_BIN ]] && (($(SSHD_VERSION=$(sshd_version "$SSHD_BIN") sshd_major) >= 10)); then
        export SSHD_BIN
        return 0
    fi
    bin=$("$LAB_DIR/openssh10.sh" --cached) ||
        die "scenario $(env_get SCENARIO) needs OpenSSH >= 10: run tests/lab/openssh10.sh once (apt-get download from bookworm-backports) or set SSHD_BIN"
    SSHD_BIN=$bin
    export SSHD_BIN
}
