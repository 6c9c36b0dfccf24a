# shellcheck shell=bash
# A real Fail2Ban (Debian 12: 1.0.2) inside the lab server, over the lab's
# syslog-format auth.log, banning with the server's own iptables / nftables /
# ipset (all in the server's network namespace).
#
# Everything is the lab's, under <statedir>/server/fail2ban/, and appears at
# Debian's default paths inside the server's private mount namespace only, so the
# module's plain `fail2ban-client status` (no -c, no -s) run in the server talks
# to the lab's Fail2Ban:
#
#   <statedir>/server/fail2ban/etc/        copy of /etc/fail2ban + jail.local, fail2ban.local
#                                          -> /etc/fail2ban
#   <statedir>/server/fail2ban/run/        fail2ban.sock, fail2ban.pid -> /run/fail2ban (= /var/run/fail2ban)
#   <statedir>/server/fail2ban/lib/        fail2ban.sqlite3 (dbfile)   -> /var/lib/fail2ban
#   <statedir>/server/fail2ban/fail2ban.log  (logtarget)               -> /var/log/fail2ban.log
#
# The server runs in the foreground (`fail2ban-server -xf start`), started with
# host_spawn, so teardown stops it by pid like every other lab process; its
# firewall entries live in the server's network namespace and vanish with it.
#
#   f2b_up [LINE...]          jail.local from the arguments (one line each) or stdin
#   f2b_jail_text BANACTION [PORT]   the usual jail.local (maxretry 3, [sshd] enabled)
#   f2b_failed_attempts N [PORT]     N real failed logins from the client
#   f2b_fail_logins N [PORT [ADDR [JAIL]]]   ... and wait until JAIL bans ADDR
#   f2b_client ARGS...        fail2ban-client inside the server (lab's -c/-s)
#   f2b_banned JAIL ADDR      true when `status JAIL` lists ADDR as banned
#   f2b_iptables_has ADDR [CHAIN], f2b_nft_has ADDR [SET [TABLE]], f2b_ipset_has ADDR [SET]
#   f2b_ban_bites BANACTION FIREWALL   lab.env keys of a ban that refuses the client on v4

f2b_dir() {
    printf '%s' "$S/server/fail2ban"
}

# f2b_client ARGS...: the lab's fail2ban-client, run inside the server host.
f2b_client() {
    host_exec server "$S/server/bin/f2b-client" "$@"
}

# f2b_banned JAIL ADDR: ADDR is in the jail's "Banned IP list" (word match).
f2b_banned() {
    local jail=$1 addr=$2 list
    list=$(f2b_client status "$jail" 2>/dev/null | sed -n 's/.*Banned IP list:[[:space:]]*//p')
    [[ " $list " == *" $addr "* ]]
}

# f2b_mount_default_paths: inside the server's mount namespace, put the lab's
# files over /etc/fail2ban, /run/fail2ban, /var/lib/fail2ban and
# /var/log/fail2ban.log, then prove each path is the lab's (same device and inode)
# before anything may write there. Missing /run/fail2ban and /var/log/fail2ban.log
# are created in the server's tmpfs copies of /run and /var/log (never in the real
# directories); a missing /var/lib/fail2ban is simply not provided (dbfile is an
# explicit state-dir path anyway).
f2b_mount_default_paths() {
    local d
    d=$(f2b_dir)
    [[ -d /etc/fail2ban ]] || die "fail2ban is not installed (no /etc/fail2ban)"
    # shellcheck disable=SC2016 # expanded by the inner bash, in the server
    host_exec server bash -euc '
        d=$1
        fstype() { findmnt -n -o FSTYPE --target "$1"; }
        # Only ever create entries inside the lab tmpfs copies of /run and /var/log.
        [[ $(findmnt -n -o SOURCE,FSTYPE /run) == "sst-lab tmpfs" ]] || { echo "/run is not the lab tmpfs" >&2; exit 1; }
        [[ $(findmnt -n -o SOURCE,FSTYPE /var/log) == "sst-lab tmpfs" ]] || { echo "/var/log is not the lab tmpfs" >&2; exit 1; }
        [[ -e /run/fail2ban ]] || mkdir -m 0755 /run/fail2ban
        [[ -e /var/log/fail2ban.log ]] || : >/var/log/fail2ban.log
        mount --bind -- "$d/etc" /etc/fail2ban
        mount --bind -- "$d/run" /run/fail2ban
        mount --bind -- "$d/fail2ban.log" /var/log/fail2ban.log
        if [[ -d /var/lib/fail2ban ]]; then mount --bind -- "$d/lib" /var/lib/fail2ban; fi
        same() { [[ $(stat -L -c %d:%i -- "$1") == "$(stat -L -c %d:%i -- "$2")" ]] || { echo "$2 is not $1" >&2; exit 1; }; }
        same "$d/etc" /etc/fail2ban
        same "$d/run" /run/fail2ban
        same "$d/run" /var/run/fail2ban
        same "$d/fail2ban.log" /var/log/fail2ban.log
        if [[ -d /var/lib/fail2ban ]]; then same "$d/lib" /var/lib/fail2ban; fi
    ' _ "$d" || die "could not put the lab's Fail2Ban files at the default paths in the server"
}

# f2b_up [LINE...]: configure and start Fail2Ban in the server. jail.local is the
# arguments, one line each, or stdin when there are none (verbatim: the
# f2b-ignoreip scenario relies on its exact bytes). fail2ban.local sets the lab's
# logtarget and dbfile (socket and pidfile stay Debian's defaults, which are the
# lab's files inside the server). F2B_LOGLEVEL (default INFO) and F2B_DBPURGEAGE
# may be set by the caller.
f2b_up() {
    local d bin
    d=$(f2b_dir)
    bin="$S/server/bin"
    [[ -x /usr/bin/fail2ban-server && -x /usr/bin/fail2ban-client ]] || die "fail2ban is not installed"
    mkdir -p "$d/run" "$d/lib" "$bin"
    chmod 0755 "$d/run"
    chmod 0700 "$d/lib"
    # The stock config (filters, actions, paths-debian.conf, jail.d/defaults-debian.conf).
    cp -a /etc/fail2ban "$d/etc"
    : >"$d/fail2ban.log"
    chmod 0640 "$d/fail2ban.log"
    chgrp adm "$d/fail2ban.log" 2>/dev/null || true
    # [Definition], like fail2ban.conf. socket and pidfile stay Debian's defaults
    # (/var/run/fail2ban/...), which are the lab's files inside the server, so
    # error texts name the same paths as on a real host.
    cat >"$d/etc/fail2ban.local" <<EOF
# sst lab: this Fail2Ban's own log and database (lab state dir); inside the lab
# server /var/run/fail2ban is <statedir>/server/fail2ban/run
[Definition]
loglevel = ${F2B_LOGLEVEL:-INFO}
logtarget = $d/fail2ban.log
dbfile = $d/lib/fail2ban.sqlite3
dbpurgeage = ${F2B_DBPURGEAGE:-1d}
EOF
    # OpenSSH >= 9.8 logs per-connection lines as sshd-session[pid]; Debian 12's
    # filter (1.0.2) knows only sshd[pid] (upstream 1.1 has this very _daemon).
    if [[ -n ${SSHD_VERSION:-} ]] && (($(sshd_major) >= 10)); then
        printf '# sst lab: OpenSSH %s logs as sshd-session[pid]\n[DEFAULT]\n_daemon = sshd(?:-session)?\n' \
            "$SSHD_VERSION" >"$d/etc/filter.d/sshd.local"
    fi
    if (($# > 0)); then
        printf '%s\n' "$@" >"$d/etc/jail.local"
    else
        cat >"$d/etc/jail.local"
    fi
    # One word (lab.env values have no spaces): `lab.sh exec <statedir> server -- $F2B_CLIENT status`.
    cat >"$bin/f2b-client" <<EOF
#!/bin/sh
# sst lab: fail2ban-client of this lab's Fail2Ban (plain fail2ban-client in the server is the same)
exec /usr/bin/fail2ban-client -c $d/etc -s $d/run/fail2ban.sock "\$@"
EOF
    chmod 0755 "$bin/f2b-client"
    f2b_mount_default_paths
    # Validate first: a broken jail.local is a lab bug, reported with its message.
    local out
    out=$(f2b_client -t 2>&1) || die "fail2ban-client -t rejects the scenario's config: $out"
    host_spawn fail2ban server /usr/bin/fail2ban-server -c "$d/etc" -s "$d/run/fail2ban.sock" \
        -p "$d/run/fail2ban.pid" -xf start
    lab_wait 20 "fail2ban-client ping" f2b_client ping
    # `start` loads the jails after the socket answers: wait for every jail of the config.
    local jails j
    jails=$(f2b_client -d 2>/dev/null | sed -n "s/^\['add', '\([^']*\)'.*/\1/p")
    for j in $jails; do
        lab_wait 20 "jail $j to start" f2b_client status "$j"
    done
    lab_env F2B_CONF_DIR "$d/etc"
    lab_env F2B_SOCKET "$d/run/fail2ban.sock"
    lab_env F2B_PID "$d/run/fail2ban.pid"
    lab_env F2B_LOG "$d/fail2ban.log"
    lab_env F2B_DB "$d/lib/fail2ban.sqlite3"
    lab_env F2B_JAIL_LOCAL "$d/etc/jail.local"
    lab_env F2B_CLIENT "$bin/f2b-client"
    lab_env F2B_SERVER_PID "$(lab_pid fail2ban)"
    lab_env F2B_VERSION "$(fail2ban-client --version 2>/dev/null | sed -n 's/^Fail2Ban v//p' | head -n1)"
    lab_env F2B_JAILS "$(tr '\n' ',' <<<"$jails" | sed 's/,*$//')"
}

# f2b_failed_attempts N [PORT]: N real failed logins from the client (unknown
# users sst-nosuch0.. offering WRONG_KEY), no waiting.
f2b_failed_attempts() {
    local n=$1 port=${2:-$PORT} key i
    key=$(env_get WRONG_KEY)
    for ((i = 0; i < n; i++)); do
        client_ssh "sst-nosuch$i" "$key" "$port" true || true
    done
}

# f2b_fail_logins N [PORT [ADDR [JAIL]]]: N real failed logins from the client
# to SERVER_ADDR:PORT, then wait until JAIL (sshd) lists ADDR (the address the
# server sees: VISIBLE_SOURCE_ADDR) as banned. Each attempt offers WRONG_KEY for an
# unknown user (`Invalid user sst-nosuchN from ...`): Debian 12's sshd filter
# (mode normal, publickey = nofail) does NOT count `Failed publickey for root`
# followed by `Connection closed by authenticating user root ... [preauth]`, so
# a wrong key for a real user never gets anyone banned.
f2b_fail_logins() {
    local n=$1 port=${2:-$PORT} addr=${3:-$(env_get VISIBLE_SOURCE_ADDR)} jail=${4:-sshd}
    f2b_failed_attempts "$n" "$port"
    lab_wait 20 "Fail2Ban jail $jail to ban $addr" f2b_banned "$jail" "$addr"
    lab_env BANNED_IP "$addr"
    lab_env JAIL "$jail"
}

# f2b_iptables_has ADDR [CHAIN]: iptables in the server holds a rule for ADDR in
# CHAIN (f2b-sshd).
f2b_iptables_has() {
    local addr=$1 chain=${2:-f2b-sshd} ipt=iptables
    [[ $addr == *:* ]] && ipt=ip6tables
    in_ns server "$ipt" -w -S "$chain" 2>/dev/null | grep -qE -- "^-A $chain -s ${addr//./\\.}(/(32|128))? "
}

# f2b_nft_has ADDR [SET [TABLE]]: the nftables set (addr-set-sshd in inet
# f2b-table, what nftables-multiport creates) in the server holds ADDR.
f2b_nft_has() {
    local addr=$1 set=${2:-addr-set-sshd} table=${3:-f2b-table}
    in_ns server nft get element inet "$table" "$set" "{ $addr }" >/dev/null 2>&1
}

# f2b_ipset_has ADDR [SET]: the ipset (f2b-sshd, iptables-ipset-proto6) holds ADDR.
f2b_ipset_has() {
    in_ns server ipset -q test "${2:-f2b-sshd}" "$1"
}

# f2b_jail_text BANACTION [PORT]: the lab's usual jail.local: a [DEFAULT] with
# short-lived-test values (maxretry 3, findtime 1d, bantime 1h, pyinotify on the
# auth.log Debian's paths name) and an enabled [sshd] for PORT (default "ssh").
f2b_jail_text() {
    cat <<EOF
# sst lab: $(env_get SCENARIO)
[DEFAULT]
bantime  = 1h
findtime = 1d
maxretry = 3
backend  = pyinotify
banaction = $1

[sshd]
enabled = true
port    = ${2:-ssh}
EOF
    # A journal-only server (LAB_JOURNAL=1): the jail reads the journal (python3-systemd).
    if [[ ${LAB_JOURNAL:-0} == 1 ]]; then
        printf 'backend = systemd\n'
    fi
}

# f2b_ban_bites BANACTION FIREWALL: the lab.env keys of a ban that bites: only the
# client's IPv4 address is banned, so PORT refuses it and IPv6 still gets the banner
# (one place for what the f2b scenarios with a plain ban all expect).
f2b_ban_bites() {
    lab_env BANACTION "$1"
    lab_env FIREWALL "$2"
    lab_env EXPECT_CONNECT ECONNREFUSED
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Refused
    lab_env EXPECT_CAUSE Fail2BanBan
}

# f2b_ban_cannot_bite: the end of the scenarios where the client's own address is
# banned but its connections arrive as the gateway (GATEWAY_ADDR): the client logs
# in all the same, auth.log shows the gateway's login, the gateway is not banned;
# then the lab.env keys of an enforced iptables-multiport ban that cannot bite.
f2b_ban_cannot_bite() {
    local gateway
    gateway=$(env_get GATEWAY_ADDR)
    client_ssh root "$(env_get CLIENT_KEY)" "$PORT" true || die "the banned client could not log in through the gateway"
    lab_wait 10 "auth.log to show the login from $gateway" \
        grep -qE "sshd(-session)?\[[0-9]+\]: Accepted publickey for root from ${gateway//./\\.} port" "$S/auth.log"
    ! f2b_banned sshd "$gateway" || die "the gateway's address is banned"
    lab_env BANACTION iptables-multiport
    lab_env FIREWALL iptables-nft
    lab_env BAN_ENFORCED 1
    lab_env EXPECT_CONNECT ok
    lab_env EXPECT_CONNECT6 ok
    lab_env EXPECT_SYMPTOM Open
    lab_env EXPECT_CAUSE Fail2BanBanIneffective
}
