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
    cat >"$c/ssh_config" <<EOF
Host *
    User root
    Port ${PORT:-22}
    IdentityFile $c/id_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $c/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF
    lab_env SSH_CONFIG "$c/ssh_config"
    lab_env CLIENT_KEY "$c/id_ed25519"
    lab_env USER_ROOT_KEY "$c/id_ed25519"
    lab_env WRONG_KEY "$c/id_wrong"
    lab_env KNOWN_HOSTS "$c/known_hosts"
    lab_env WRONG_KNOWN_HOSTS "$c/wrong_known_hosts"
    lab_env AUTHORIZED_KEYS "$S/server/authorized_keys.d/root"
    lab_env AUTHORIZED_KEYS_DIR "$S/server/authorized_keys.d"
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

# mgmt_sshd_up: a management sshd on MGMT_PORT (2222), same users, keys and
# syslog as the sshd under test but its own config outside /etc/ssh and no
# penalties/limits, so server-side commands work while the sshd under test is broken.
# It is always the machine's own sshd (Debian 12: 9.2), also when the sshd under
# test is another one: OpenSSH 10's sshd-session checks TCP wrappers under the
# name "sshd" whatever its argv[0], so hosts-deny would lock it out too.
mgmt_sshd_up() {
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
    # time limit is what ends them (SshCommandTimedOut, produced for real).
    SSHD_INSTANCE_BIN=$sbin SSHD_INSTANCE_LABEL=/usr/sbin/sshd \
        sshd_start mgmt "$MGMT_PORT" "${extra[@]}" "MaxStartups 100:30:200" -- \
        "Match User stall" "    ForceCommand sleep 300"
    lab_env SSHD_MGMT_VERSION "$version"
    lab_env MGMT_PORT "$MGMT_PORT"
}

env_get() {
    sed -n "s/^$1=//p" "$S/lab.env" | tail -n1
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

# client_ssh_password USER PASSWORD PORT: one password login attempt, the password
# given through SSH_ASKPASS (no tty, no sshpass).
client_ssh_password() {
    local user=$1 pw=$2 port=$3 askpass="$S/client/askpass"
    if [[ ! -x $askpass ]]; then
        cat >"$askpass" <<'EOF2'
#!/bin/sh
printf '%s\n' "$SST_LAB_PASSWORD"
EOF2
        chmod 0755 "$askpass"
    fi
    SSH_ASKPASS=$askpass SSH_ASKPASS_REQUIRE=force SST_LAB_PASSWORD=$pw DISPLAY='' \
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
