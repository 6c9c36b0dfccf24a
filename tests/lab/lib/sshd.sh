# shellcheck shell=bash
# The sshd under test and the client's SSH identity. Everything (host keys,
# config, pid file, authorized_keys) lives in the state dir; the machine's own
# /etc/ssh is never read for configuration (-f) nor changed.

SSHD_BIN=${SSHD_BIN:-/usr/sbin/sshd}

# server_host_up: the server's mount namespace, its syslog, host keys and the
# client's key/config, so the scenario only has to start services.
server_host_up() {
    host_mountns server sst-server
    lab_env SERVER_HOSTNAME sst-server
    host_syslog server sst-server "$S/auth.log"
    lab_env AUTH_LOG "$S/auth.log"
    ssh_identities
}

ssh_identities() {
    local keys="$S/server/keys" c="$S/client"
    mkdir -p "$keys" "$c"
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-host -f "$keys/ssh_host_ed25519_key"
    ssh-keygen -q -t ecdsa -N '' -C sst-lab-host -f "$keys/ssh_host_ecdsa_key"
    ssh-keygen -q -t ed25519 -N '' -C sst-lab-client -f "$c/id_ed25519"
    # Per-user files (%u): only root can log in unless a scenario adds a user's key.
    mkdir -p "$S/server/authorized_keys.d"
    cp "$c/id_ed25519.pub" "$S/server/authorized_keys.d/root"
    : >"$c/known_hosts"
    local addr port=${PORT:-22} name k
    for addr in "$(env_get SERVER_ADDR)" "$(env_get SERVER_ADDR6)"; do
        if [[ $port == 22 ]]; then name=$addr; else name="[$addr]:$port"; fi
        for k in "$keys"/*.pub; do
            printf '%s %s\n' "$name" "$(cut -d' ' -f1,2 "$k")" >>"$c/known_hosts"
        done
    done
    # ssh takes ~/.ssh from the passwd entry, not $HOME: give callers a config file.
    cat >"$c/ssh_config" <<EOF
Host *
    User root
    Port $port
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
    lab_env KNOWN_HOSTS "$c/known_hosts"
    lab_env AUTHORIZED_KEYS "$S/server/authorized_keys.d/root"
}

env_get() {
    sed -n "s/^$1=//p" "$S/lab.env" | tail -n1
}

# sshd_start NAME PORT [CONFIG LINE...]: one sshd instance in the server host.
# Scenario lines go first because sshd keeps the first value it reads for a keyword.
sshd_start() {
    local name=$1 port=$2 dir="$S/server/sshd-$1" keys="$S/server/keys" line
    shift 2
    mkdir -p "$dir"
    {
        printf '# sst lab sshd "%s"\n' "$name"
        for line in "$@"; do printf '%s\n' "$line"; done
        cat <<EOF
Port $port
ListenAddress 0.0.0.0
ListenAddress ::
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
AuthorizedKeysFile $S/server/authorized_keys.d/%u
StrictModes no
PrintMotd no
Subsystem sftp internal-sftp
EOF
    } >"$dir/sshd_config"
    host_exec server "$SSHD_BIN" -t -f "$dir/sshd_config" ||
        die "sshd -t rejected $dir/sshd_config"
    # -D: no daemonising, so the recorded pid is the listener itself. Without -e
    # it logs through syslog, i.e. the private /dev/log.
    host_spawn "sshd-$name" server \
        "$SSHD_BIN" -D -f "$dir/sshd_config"
    lab_wait 10 "sshd $name to listen on port $port (v4 and v6)" listening server "$port" 46
    lab_wait 5 "sshd $name pid file" test -s "$dir/sshd.pid"
    local key=SSHD
    [[ $name == main ]] || key="SSHD_$(role_key "$name")"
    lab_env "${key}_CONFIG" "$dir/sshd_config"
    lab_env "${key}_PID" "$(lab_pid "sshd-$name")"
    lab_env "${key}_PIDFILE" "$dir/sshd.pid"
    lab_env "${key}_BIN" "$SSHD_BIN"
}
