# shellcheck shell=bash
# Lab hosts that need more than a network namespace: a long-lived "holder"
# process owns a private mount namespace (inside the host's network namespace)
# where /dev, /run and a few /etc files are the lab's own. Later commands enter
# it with `nsenter -t <holder> -m -u -n`, so sshd, the syslog listener and anything
# run through `lab.sh exec` see the same private files.

# holder_pid ROLE: the holder's pid, only if it is still the process we recorded.
holder_pid() {
    local f="$S/ns/$1.holder" pid start
    [[ -f $f ]] || return 1
    read -r pid start <"$f"
    proc_alive "$pid" "$start" || return 1
    printf '%s' "$pid"
}

# host_exec ROLE CMD...: run CMD inside a lab host, in its mount and UTS
# namespaces when it has them. --wd keeps relative paths working (setns resets
# the cwd to /).
host_exec() {
    local role=$1 pid
    shift
    if [[ -f $S/ns/$role.holder ]]; then
        pid=$(holder_pid "$role") || die "the $role host's holder process is gone"
        nsenter -t "$pid" -m -u -n --wd="$PWD" -- "$@"
    else
        [[ -f $S/ns/$role ]] || die "no $role host in this lab"
        in_ns "$role" "$@"
    fi
}

holder_started() {
    local role=$1 pidfile p st
    pidfile=$(printf '%s\n' "$S"/pids/*-"holder-$role" | head -n1)
    [[ -f $S/run/holder-$role.ready ]] && return 0
    # Fail fast instead of waiting out the timeout when the setup died.
    if ! { read -r p st <"$pidfile" && proc_alive "$p" "$st"; }; then
        die "holder for $role exited during setup: $(tail -n 5 "$S/log/holder-$role.log" 2>/dev/null)"
    fi
    return 1
}

# caller_ns TYPE: the namespace `lab.sh up` ran in, passed down by host_mountns.
caller_ns() {
    local var="LAB_CALLER_NS_${1^^}"
    printf '%s' "${!var:-}"
}

# host_spawn NAME ROLE CMD...: a recorded background process inside the host.
host_spawn() {
    local name=$1 role=$2 pid
    shift 2
    pid=$(holder_pid "$role") || die "the $role host's holder process is gone"
    lab_spawn "$name" nsenter -t "$pid" -m -u -n -- "$@"
}

# host_mountns ROLE HOSTNAME [NETROLE]: start the holder; its setup runs in
# holder_main below. With NETROLE the holder is a second mount namespace inside
# NETROLE's network namespace, named ROLE (e.g. client-sshd): a daemon there gets
# a private /run and /dev/log while `lab.sh exec NETROLE` stays as it was.
host_mountns() {
    local role=$1 hostname=$2 net=${3:-$1} base="$S/$1"
    mkdir -p "$base/etc" "$base/mnt/dev" "$base/mnt/run"
    # TCP wrappers read these through the bind mounts; empty means "allow".
    : >"$base/etc/hosts.allow"
    : >"$base/etc/hosts.deny"
    # No resolver: a lookup (libwrap logs the client's name) fails at once
    # instead of being tried against the machine's own DNS server.
    printf '# sst lab: no resolver inside the lab\n' >"$base/etc/resolv.conf"
    LAB_CALLER_NS_MNT=$(readlink /proc/self/ns/mnt) \
        LAB_CALLER_NS_UTS=$(readlink /proc/self/ns/uts) \
        LAB_CALLER_NS_NET=$(readlink /proc/self/ns/net) \
        lab_spawn "holder-$role" ip netns exec "$(ns_name "$net")" \
        unshare -m -u --propagation private -- "$LAB_SH" _holder "$S" "$role" "$hostname"
    local i
    for ((i = 0; i < 200; i++)); do
        holder_started "$role" && break
        sleep 0.05
    done
    [[ -f $S/run/holder-$role.ready ]] || die "timed out waiting for the $role mount namespace"
    cp "$(printf '%s\n' "$S"/pids/*-"holder-$role" | head -n1)" "$S/ns/$role.holder"
    lab_env "$(role_key "$role")_HOLDER_PID" "$(holder_pid "$role")"
    lab_env "$(role_key "$role")_HOSTS_ALLOW" "$base/etc/hosts.allow"
    lab_env "$(role_key "$role")_HOSTS_DENY" "$base/etc/hosts.deny"
}

role_key() {
    local r=${1^^}
    printf '%s' "${r//-/_}"
}

# shadow_dir DIR STAGE [SKIP...]: replace DIR, in this mount namespace only, by a
# tmpfs holding bind mounts of DIR's entries (minus SKIP), so the lab can add
# entries (/dev/log, /run/sshd) without creating anything in the real DIR.
shadow_dir() {
    local dir=$1 stage=$2 e name
    shift 2
    local skip=" $* "
    mount -t tmpfs -o mode=0755,nosuid sst-lab "$stage"
    shopt -s nullglob dotglob
    for e in "$dir"/*; do
        name=${e##*/}
        [[ $skip == *" $name "* ]] && continue
        if [[ -L $e ]]; then
            cp -P -- "$e" "$stage/$name"
        elif [[ -d $e ]]; then
            mkdir -- "$stage/$name"
            mount --rbind -- "$e" "$stage/$name"
        else
            : >"$stage/$name"
            mount --bind -- "$e" "$stage/$name"
        fi
    done
    shopt -u nullglob dotglob
    mount --move -- "$stage" "$dir"
}

# Runs as `lab.sh _holder STATEDIR ROLE HOSTNAME` inside `ip netns exec NS
# unshare -m -u --propagation private`: a fresh, private copy of the mount table
# and its own host name (sshd and `hostname` then agree with the log lines).
holder_main() {
    S=$1
    local role=$2 base="$1/$2"
    # Refuse to touch mounts or the host name unless these really are new
    # namespaces: compare with those of the `lab.sh up` that started us (fail
    # closed: an unreadable link counts as "same").
    local ns mine
    for ns in mnt uts net; do
        mine=$(readlink "/proc/self/ns/$ns") || mine=
        [[ -n $mine && $mine != "$(caller_ns "$ns")" ]] ||
            die "holder is not in a new $ns namespace; refusing to go on"
    done
    # Drop this copy's references to every named netns (other labs' too), so an
    # `ip netns del` elsewhere is not kept alive by this namespace.
    if mountpoint -q /run/netns; then
        umount -R -l /run/netns
    fi
    shadow_dir /dev "$base/mnt/dev" log
    shadow_dir /run "$base/mnt/run" netns sshd sudo log
    # sshd's privilege-separation chroot: compiled-in path, must be root-owned, 0755.
    mkdir -m 0755 /run/sshd
    # A private /run/log: a journal-only server (LAB_JOURNAL=1) keeps its journal
    # files there, and nothing may land in the machine's own.
    mkdir -m 0755 /run/log
    # sudo's time stamps (the real /run/sudo is not shared).
    mkdir -m 0711 /run/sudo
    holder_identity "$base"
    quiet_root_profile "$base"
    mount --bind -- "$base/etc/hosts.allow" /etc/hosts.allow
    mount --bind -- "$base/etc/hosts.deny" /etc/hosts.deny
    if [[ -e /etc/resolv.conf ]]; then
        mount --bind -- "$base/etc/resolv.conf" /etc/resolv.conf
    fi
    hostname "$3"
    : >"$S/run/holder-$role.ready"
    exec sleep infinity
}

# quiet_root_profile BASE: root's shell startup files read as empty in this mount
# namespace, so a root session on a lab host costs and prints what the server's
# work does, not what this machine's root profile runs (version managers and the
# like: dozens of programs per session). Everything else in root's home stays.
quiet_root_profile() {
    local home f
    home=$(getent passwd root | cut -d: -f6)
    : >"$1/empty-profile"
    for f in .bashrc .profile .bash_profile .bash_login; do
        if [[ -n $home && -f $home/$f ]]; then
            mount --bind -- "$1/empty-profile" "$home/$f"
        fi
    done
}

# holder_identity BASE: the lab-owned files that lib/users.sh and lib/sshd.sh
# prepared under BASE, bind-mounted over the real paths (this mount namespace
# only). Only existing real paths are covered; new names (/home/<user>,
# /var/log/auth.log, /etc/ssh/authorized_keys.d) are created in tmpfs copies of
# their directories (shadow_dir), never in the real ones.
holder_identity() {
    local base=$1 f u
    [[ -f $base/etc/passwd ]] || return 0
    for f in passwd group shadow gshadow hosts; do
        if [[ -f $base/etc/$f && -f /etc/$f ]]; then
            mount --bind -- "$base/etc/$f" "/etc/$f"
        fi
    done
    if [[ -f $base/etc/sudoers && -f /etc/sudoers && -d /etc/sudoers.d ]]; then
        mount --bind -- "$base/etc/sudoers" /etc/sudoers
        mount --bind -- "$base/etc/sudoers.d" /etc/sudoers.d
    fi
    local -a users=()
    for f in "$base"/home/*/; do
        f=${f%/}
        users+=("${f##*/}")
    done
    mkdir -p "$base/mnt/home" "$base/mnt/log" "$base/mnt/ssh"
    if [[ -d /home ]]; then
        shadow_dir /home "$base/mnt/home" "${users[@]}"
        for u in "${users[@]}"; do
            mkdir -- "/home/$u"
            mount --bind -- "$base/home/$u" "/home/$u"
        done
    fi
    # Where Debian keeps sshd's log, and the login records sshd writes. A
    # journal-only server (LAB_JOURNAL=1) has no auth.log, and no /var/log/journal
    # but its private one in /run/log.
    shadow_dir /var/log "$base/mnt/log" auth.log wtmp btmp lastlog journal
    if [[ ${LAB_JOURNAL:-0} != 1 ]]; then
        : >/var/log/auth.log
        mount --bind -- "$S/auth.log" /var/log/auth.log
    fi
    for f in wtmp btmp lastlog; do
        : >"/var/log/$f"
        mount --bind -- "$base/log/$f" "/var/log/$f"
    done
    # /etc/ssh/sshd_config is the config of the sshd under test; authorized keys
    # in /etc/ssh/authorized_keys.d/%u (readable by each user: sshd opens them
    # with the user's uid, and the state dir may be private to root).
    if [[ -f $base/sshd-main/sshd_config && -d /etc/ssh ]]; then
        shadow_dir /etc/ssh "$base/mnt/ssh" sshd_config authorized_keys.d
        : >/etc/ssh/sshd_config
        mount --bind -- "$base/sshd-main/sshd_config" /etc/ssh/sshd_config
        mkdir -m 0755 /etc/ssh/authorized_keys.d
        mount --bind -- "$base/authorized_keys.d" /etc/ssh/authorized_keys.d
    fi
    # Another sshd under test (SSHD_BIN, e.g. OpenSSH 10 from openssh10.sh) is the
    # one a collector finds at /usr/sbin/sshd.
    # The machine's own sshd stays reachable (for the management sshd) as
    # <statedir>/server/bin/sshd-system, an empty file outside this namespace.
    if [[ -n ${SSHD_BIN:-} && $SSHD_BIN != /usr/sbin/sshd && -x $SSHD_BIN && -f /usr/sbin/sshd ]]; then
        : >"$base/bin/sshd-system"
        mount --bind -- /usr/sbin/sshd "$base/bin/sshd-system"
        mount --bind -- "$SSHD_BIN" /usr/sbin/sshd
    fi
}

# host_syslog ROLE HOSTNAME LOGFILE: a private /dev/log for the host, written as
# classic syslog lines to LOGFILE. With LAB_JOURNAL=1 the server is journal-only:
# each message also goes, as a journal export record, through a FIFO to
# systemd-journal-remote, which writes the journal file journalctl reads
# (/run/log/journal/<machine-id>/, the server's private /run/log; no journald),
# and the server has no /var/log/auth.log (LOGFILE stays, for the lab's own checks).
host_syslog() {
    local role=$1 host=$2 out=$3 ready="$S/run/syslog-$1.ready"
    local -a journal=()
    : >"$out"
    if [[ ${LAB_JOURNAL:-0} == 1 && $role == server ]]; then
        journal_up "$role"
        journal=(--journal "$S/run/journal-$role.fifo" --machine-id "$(host_exec "$role" cat /etc/machine-id)")
    fi
    host_spawn "syslog-$role" "$role" \
        "$LAB_PYTHON" "$LAB_DIR/bin/syslogd.py" --socket /dev/log --out "$out" \
        --hostname "$host" --ready "$ready" --not-in-mntns "$(readlink /proc/self/ns/mnt)" "${journal[@]}"
    lab_wait 10 "the $role syslog listener" test -f "$ready"
}

# journal_up ROLE: systemd-journal-remote in the host, writing what it reads from
# <statedir>/run/journal-ROLE.fifo to /run/log/journal/<machine-id>/system.journal
# there. It waits for the FIFO's writer (the syslog listener); when that stops at
# teardown, it sees the end of its input and exits.
journal_up() {
    local role=$1 fifo="$S/run/journal-$1.fifo" remote=/lib/systemd/systemd-journal-remote id dir
    [[ -x $remote ]] || die "LAB_JOURNAL=1 needs systemd-journal-remote (Debian package systemd-journal-remote)"
    id=$(host_exec "$role" cat /etc/machine-id)
    dir="/run/log/journal/$id"
    # Only in the lab's own /run/log: a tmpfs of the holder's, never the machine's.
    [[ $(host_exec "$role" findmnt -n -o SOURCE,FSTYPE /run) == "sst-lab tmpfs" ]] || die "$role: /run is not the lab's"
    host_exec "$role" mkdir -p "$dir"
    mkfifo -m 0600 "$fifo"
    host_spawn "journal-$role" "$role" sh -c 'exec "$1" --output="$2" - <"$3"' journal-remote "$remote" "$dir/system.journal" "$fifo"
    lab_env JOURNAL_FILE "$dir/system.journal"
    lab_env JOURNAL_REMOTE_PID "$(lab_pid "journal-$role")"
}

# journal_caught_up: on a journal-only server, wait until the journal holds every message
# the syslog listener has written to the lab's own log copy: systemd-journal-remote writes
# behind its FIFO, and a scenario's last lines (the ones its checks waited for in that copy)
# must be in the journal before anything reads it. A count alone is not enough (the journal
# may hold messages the copy does not), so the copy's last message must be there too.
journal_caught_up() {
    local want last
    want=$(wc -l <"$S/auth.log")
    last=$(tail -n 1 "$S/auth.log" | sed -E 's/^([^ ]+ +){4}[^:]*: //')
    lab_wait 20 "the journal to hold the log's $want messages, the last one included" \
        journal_holds "$(env_get JOURNAL_FILE)" "$want" "$last"
}

# journal_holds FILE N MESSAGE: the server's journal FILE has at least N messages, MESSAGE among them.
journal_holds() {
    local messages
    messages=$(host_exec server journalctl --file "$1" -o cat 2>/dev/null) || return 1
    [[ $(wc -l <<<"$messages") -ge $2 ]] && grep -qF -- "$3" <<<"$messages"
}

# host_nft ROLE NAME: load nft rules from stdin into the host's network namespace,
# keeping a copy in the state dir as evidence of what the scenario set.
host_nft() {
    local role=$1 file="$S/$1/$2.nft"
    # A host without a mount namespace (the gateway) has no state dir of its own yet.
    mkdir -p -- "$S/$role"
    cat >"$file"
    in_ns "$role" nft -f "$file"
}

# host_nft_chain ROLE NAME HOOK RULE...: host_nft with the one-chain table the nft scenarios
# share: table inet sst_filter, base chain HOOK (input, forward; policy accept), one RULE a line.
host_nft_chain() {
    local role=$1 name=$2 hook=$3
    shift 3
    {
        printf 'table inet sst_filter {\n    chain %s {\n' "$hook"
        printf '        type filter hook %s priority filter; policy accept;\n' "$hook"
        printf '        %s\n' "$@"
        printf '    }\n}\n'
    } | host_nft "$role" "$name"
}

# server_nft_input NAME RULE...: host_nft_chain in the server's input hook, and the lab.env keys
# FIREWALL and FIREWALL_RULES that name it (every server-side nft scenario sets both).
server_nft_input() {
    local name=$1
    shift
    host_nft_chain server "$name" input "$@"
    lab_env FIREWALL nft
    lab_env FIREWALL_RULES "$S/server/$name.nft"
}

# listening ROLE PORT FAMILIES: true when a TCP listener on PORT exists for each
# of "4" and/or "6" in FAMILIES ("*:PORT", a dual-stack socket, counts for both).
listening() {
    local role=$1 port=$2 fams=$3 locals
    locals=$(in_ns "$role" ss -Hltn "sport = :$port" | awk '{ print $4 }')
    if [[ $fams == *4* ]]; then
        grep -Eq '^(\*|[0-9.]+):'"$port"'$' <<<"$locals" || return 1
    fi
    if [[ $fams == *6* ]]; then
        grep -Eq '^(\*|\[.*\]):'"$port"'$' <<<"$locals" || return 1
    fi
    return 0
}

# no_listener ROLE PORT: die when anything listens on PORT (v4 or v6) in ROLE: the scenarios
# whose client is refused by the kernel's RST need that to hold before they count.
no_listener() {
    if listening "$1" "$2" 4 || listening "$1" "$2" 6; then
        die "something listens on port $2 in the $1 namespace"
    fi
}
