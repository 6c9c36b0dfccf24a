#!/usr/bin/env bash
# Self-test of the lab: every scenario up in turn, what a raw TCP client in the
# client namespace sees (v4 and v6), then teardown and proof that nothing is left
# (namespaces, processes, mounts, state). Usage: selftest.sh [scenario...]
# (LAB_JOURNAL=1: journal-only servers, also checked for their journal).
set -euo pipefail

# shellcheck source=selftest-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/selftest-lib.sh"
selftest_init selftest 44

log_has() { # NAME REGEX: a line of the lab's auth.log matches
    local line
    if line=$(grep -E -m1 -- "$2" "$AUTH_LOG"); then ok "$1" "$line"; else bad "$1" "no line /$2/ in auth.log"; fi
}

# sshd 9.2 logs as sshd[pid]; OpenSSH 10's per-connection process as sshd-session[pid].
SYSLOG_RE='^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} sst-server sshd(-session)?\[[0-9]+\]: '

# srv CMD: a command as root in the server host through the management sshd
# (triage + sudo -n), the way the module's collector gets there.
srv() {
    as triage "$MGMT_PORT" "sudo -n sh -c '$*'"
}

check_open() {
    local r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --first-line)
        expect "open: banner via $a" "$r" 'connect=ok .*end=line .*data="SSH-2\.0-OpenSSH_'"${SSHD_VERSION//./\\.}"'[^"]*\\r\\n"'
        # shellcheck disable=SC2016 # expanded by the remote shell, on purpose
        r=$("$LAB" exec "$S" client -- ssh -F "$SSH_CONFIG" "$a" 'echo login-ok $(hostname)' 2>&1 || true)
        expect "open: root key login via $a" "$r" '^login-ok sst-server$'
    done
    log_has "open: syslog line in auth.log" "${SYSLOG_RE}Accepted publickey for root from $CLIENT_ADDR port"
    # The server's identity (lab users, sudo, /etc/ssh/sshd_config, /var/log/auth.log).
    r=$(as triage "$MGMT_PORT" 'id -un; sudo -n true && echo sudo-ok' || true)
    expect "open: triage on the management port, sudo -n ok" "$r" $'^triage\nsudo-ok$'
    r=$(as nosudo "$MGMT_PORT" 'sudo -n true 2>&1; echo "rc=$?"' || true)
    expect "open: nosudo: sudo -n needs a password" "$r" $'^sudo: a password is required\nrc=1$'
    # shellcheck disable=SC2016 # expanded by the remote shell, on purpose
    r=$(as alice "$PORT" 'id -u; echo "$HOME"; pwd' || true)
    expect "open: alice logs in on PORT, home in /home" "$r" $'^2003\n/home/alice\n/home/alice$'
    r=$(srv "cmp /etc/ssh/sshd_config $SSHD_CONFIG && echo same; sshd -T | grep -c ^hostkey.$STATE_DIR/; stat -c %a $STATE_DIR/server/keys/ssh_host_ed25519_key" || true)
    expect "open: /etc/ssh/sshd_config is the sshd under test's" "$r" $'^same\n2\n600$'
    if [[ $SERVER_LOG == journal ]]; then
        r=$(srv 'journalctl -q -u ssh -o short-iso --no-pager | tail -n 50' || true)
        expect "open: the journal is the lab's log" "$r" 'sst-server sshd(-session)?\[[0-9]+\]: Accepted publickey for alice from'
    else
        r=$(srv 'tail -n 50 /var/log/auth.log' || true)
        expect "open: /var/log/auth.log is the lab's log" "$r" 'sst-server sshd(-session)?\[[0-9]+\]: Accepted publickey for alice from'
    fi
    r=$(as triage "$MGMT_PORT" 'ss -H -ltnp | grep -c users:; /usr/sbin/sshd -T >/dev/null 2>&1; echo "rc=$?"; cat /var/log/auth.log >/dev/null 2>&1 || echo no-log' || true)
    expect "open: triage without sudo: no ss process column, no sshd -T, no auth.log" "$r" $'^0\nrc=1\nno-log$'
    r=$("$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -l triage -i "$USER_TRIAGE_KEY" -o IdentitiesOnly=yes \
        -o UserKnownHostsFile="$WRONG_KNOWN_HOSTS" -o StrictHostKeyChecking=yes -- "$SERVER_ADDR" true 2>&1 || true)
    expect "open: WRONG_KNOWN_HOSTS -> host key verification failed" "$r" 'Host key verification failed\.'
    if [[ $SSHD_VERSION != 9.* ]]; then
        # Debian 12's Fail2Ban (1.0.2) filter expects "sshd[pid]:", not "sshd-session[pid]:".
        skip "open: fail2ban-regex sshd reads auth.log" "OpenSSH $SSHD_VERSION logs as sshd-session"
    elif command -v fail2ban-regex >/dev/null; then
        # A failed key login, then Fail2Ban's stock sshd filter must find it.
        ssh-keygen -q -t ed25519 -N '' -f "$STATE_DIR/client/wrong_key"
        "$LAB" exec "$S" client -- ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes \
            -o UserKnownHostsFile="$KNOWN_HOSTS" -o StrictHostKeyChecking=yes \
            -i "$STATE_DIR/client/wrong_key" "root@$SERVER_ADDR" true >/dev/null 2>&1 || true
        r=$(fail2ban-regex "$AUTH_LOG" sshd 2>&1 | sed -n 's/^Failregex: \([0-9]*\) total.*/\1/p')
        if ((${r:-0} >= 1)); then ok "open: fail2ban-regex sshd reads auth.log" "$r failregex hits"; else bad "open: fail2ban-regex sshd reads auth.log" "hits: ${r:-none}"; fi
    else
        skip "open: fail2ban-regex sshd reads auth.log" "fail2ban-regex not installed"
    fi
}

# refused_both NAME: a raw client is refused at both server addresses.
refused_both() {
    local a r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a")
        expect "$1: $a" "$r" '^connect=ECONNREFUSED '
    done
}

check_refused() {
    refused_both refused
}

# expect_rejected NAME V4_ERRNO V6_ERRNO: sshd runs, and a REJECT rule answers each family at once
# with the errno a client sees.
expect_rejected() {
    local name=$1 r
    server_listens "$name: sshd is running"
    r=$(probe "$SERVER_ADDR")
    expect "$name: $SERVER_ADDR" "$r" "^connect=$2 "
    fast "$name: $SERVER_ADDR at once" "$r"
    r=$(probe "$SERVER_ADDR6")
    expect "$name: $SERVER_ADDR6" "$r" "^connect=$3 "
    fast "$name: $SERVER_ADDR6 at once" "$r"
}

check_reject_tcp_reset() { expect_rejected reject-tcp-reset ECONNREFUSED ECONNREFUSED; }
check_reject_port_unreachable() { expect_rejected reject-port-unreachable ECONNREFUSED ECONNREFUSED; }
# ICMPv6 "administratively prohibited" maps to EACCES in Linux, not EHOSTUNREACH.
check_reject_admin_prohibited() { expect_rejected reject-admin-prohibited EHOSTUNREACH EACCES; }

# expect_timed_out NAME: sshd runs, and the client's SYNs go unanswered on both families.
expect_timed_out() {
    local name=$1
    server_listens "$name: sshd is running"
    # Both families in parallel: each waits out its full timeout.
    probe "$SERVER_ADDR" --connect-timeout 2 >"$BASE/$name.4" &
    probe "$SERVER_ADDR6" --connect-timeout 2 >"$BASE/$name.6" &
    wait
    expect "$name: $SERVER_ADDR" "$(<"$BASE/$name.4")" '^connect=timeout '
    expect "$name: $SERVER_ADDR6" "$(<"$BASE/$name.6")" '^connect=timeout '
}

check_drop() { expect_timed_out drop; }

check_hosts_deny() {
    local r ms
    probe "$SERVER_ADDR" --read-timeout 8 >"$BASE/hd4" &
    probe "$SERVER_ADDR6" --read-timeout 8 >"$BASE/hd6" &
    probe "$SERVER_ADDR" --read-timeout 8 --send-line SSH-2.0-SstLabProbe >"$BASE/hd4s" &
    wait
    for f in hd4 hd6; do
        r=$(<"$BASE/$f")
        expect "hosts-deny: ${f/hd/v} accepted, closed, no byte" "$r" '^connect=ok .*end=eof .*bytes=0 '
        ms=$(t_ms t_end "$r")
        if ((ms >= 4500 && ms <= 6500)); then ok "hosts-deny: ${f/hd/v} closed after ~5 s" "${ms} ms"; else bad "hosts-deny: ${f/hd/v} closed after ~5 s" "${ms} ms"; fi
    done
    # Having sent its identification line first, the client gets a RST instead
    # of a FIN: sshd exits with unread data in the socket.
    r=$(<"$BASE/hd4s")
    expect "hosts-deny: client spoke first -> reset at ~5 s" "$r" '^connect=ok .*end=ECONNRESET t_end=(4\.[5-9]|5\.|6\.[0-4])[0-9]* bytes=0 '
    log_has "hosts-deny: libwrap logged the refusal" "${SYSLOG_RE}refused connect from $CLIENT_ADDR"
}

# The client's IPv4 network is denied, its IPv6 address is named nowhere: libwrap
# closes the first after its ~5 s, and the second gets sshd's banner.
check_hosts_deny_network() {
    local r ms
    probe "$SERVER_ADDR" --read-timeout 8 >"$BASE/hdn4" &
    r=$(probe "$SERVER_ADDR6" --first-line)
    wait
    expect "hosts-deny-network: v6 (named nowhere) gets the banner" "$r" 'connect=ok .*end=line .*data="SSH-2\.0-OpenSSH_'
    r=$(<"$BASE/hdn4")
    expect "hosts-deny-network: v4 (denied network) accepted, closed, no byte" "$r" '^connect=ok .*end=eof .*bytes=0 '
    ms=$(t_ms t_end "$r")
    if ((ms >= 4500 && ms <= 6500)); then ok "hosts-deny-network: v4 closed after ~5 s" "${ms} ms"; else bad "hosts-deny-network: v4 closed after ~5 s" "${ms} ms"; fi
    log_has "hosts-deny-network: libwrap logged the refusal" "${SYSLOG_RE}refused connect from $CLIENT_ADDR"
}

check_maxstartups() {
    local r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a")
        if [[ $SSHD_VERSION == 9.* ]]; then
            expect "maxstartups: $a gets the text, then EOF" "$r" '^connect=ok .*end=eof .*bytes=22 data="Exceeded MaxStartups\\r\\n"$'
        else
            expect "maxstartups: $a gets the text, then EOF" "$r" '^connect=ok .*end=eof .*bytes=26 data="Not allowed at this time\\r\\n"$'
        fi
    done
    # 9.2: "... past MaxStartups"; 10.0: "... Maxstartups".
    log_has "maxstartups: sshd logged the drop" "${SYSLOG_RE}drop connection #1 from \[$CLIENT_ADDR\]:[0-9]+ on \[$SERVER_ADDR\]:$PORT (past MaxStartups|Maxstartups)"
}

check_not_ssh() {
    local r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --read-timeout 1)
        expect "not-ssh: $a silent until spoken to" "$r" '^connect=ok .*end=timeout .*bytes=0 '
        r=$(probe "$a" --send-line SSH-2.0-SstLabProbe)
        expect "not-ssh: $a answers an SSH line with HTTP 400" "$r" '^connect=ok .*end=eof .*data="HTTP/1\.1 400 Bad Request\\r\\n'
    done
}

check_nat_open() {
    local r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --first-line)
        expect "nat-open: banner via $a" "$r" 'connect=ok .*end=line .*data="SSH-2\.0-OpenSSH_'"${SSHD_VERSION//./\\.}"
        r=$("$LAB" exec "$S" client -- ssh -F "$SSH_CONFIG" "$a" 'echo login-ok' 2>&1 || true)
        expect "nat-open: root key login via $a" "$r" '^login-ok$'
    done
    log_has "nat-open: server sees the gateway (v4)" "${SYSLOG_RE}Connection from $VISIBLE_SOURCE_ADDR port"
    log_has "nat-open: server sees the gateway (v6)" "${SYSLOG_RE}Connection from $VISIBLE_SOURCE_ADDR6 port"
}

# hop ADDR CMD: a command as root on the gateway, through its own management sshd
# (mgmt_sshd_up gateway), from the client namespace.
hop() {
    "$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -l "$GATEWAY_MGMT_USER" \
        -i "$GATEWAY_MGMT_KEY" -o IdentitiesOnly=yes -p "$GATEWAY_MGMT_PORT" \
        -o UserKnownHostsFile="$GATEWAY_MGMT_KNOWN_HOSTS" -o StrictHostKeyChecking=yes -- "$1" "${@:2}" 2>&1
}

check_upstream_filter() {
    local r a
    expect_timed_out upstream-filter
    r=$(srv 'nft list ruleset; iptables-save; ip6tables-save; echo end' || true)
    expect "upstream-filter: server has no firewall rule" "$r" '^end$'
    # The SYNs never reached the server: the sshd under test logged no connection.
    r=$(grep -cE "${SYSLOG_RE}Connection from " "$AUTH_LOG" || true)
    expect "upstream-filter: server's sshd saw no connection" "$r" '^0$'
    for a in "$GATEWAY_MGMT_ADDR" "$GATEWAY_MGMT_ADDR6"; do
        r=$(hop "$a" 'hostname; nft list chain inet sst_filter forward' || true)
        expect "upstream-filter: gateway hop via $a, drop counted" "$r" \
            $'^sst-gateway\n.*tcp dport '"$PORT"' counter packets [1-9][0-9]* bytes [0-9]+ drop'
    done
}

check_drop_all() {
    local r
    expect_timed_out drop-all
    # No management sshd: nothing on 2222 either, and lab.env names none.
    r=$(probe_port "$SERVER_ADDR" 2222)
    expect "drop-all: no management sshd on 2222" "$r" '^connect=ECONNREFUSED '
    if [[ -z ${MGMT_PORT:-} ]]; then ok "drop-all: lab.env has no MGMT_PORT"; else bad "drop-all: lab.env has MGMT_PORT=$MGMT_PORT"; fi
    # The console is the only way in.
    r=$("$LAB" exec "$S" server -- sh -c 'hostname; nft list chain inet sst_filter input' 2>&1 || true)
    expect "drop-all: console sees the drop, counted" "$r" \
        $'^sst-server\n.*tcp dport '"$PORT"' counter packets [1-9][0-9]* bytes [0-9]+ drop'
}

check_sshd_stopped() {
    local r
    refused_both sshd-stopped
    r=$(srv "sshd -t && echo config-ok; ss -Hltn sport = :$PORT | grep -c LISTEN" || true)
    expect "sshd-stopped: config valid, nothing on $PORT" "$r" $'^config-ok\n0$'
}

check_moved_port() {
    local r
    r=$(probe "$SERVER_ADDR")
    expect "moved-port: $SERVER_ADDR:$PORT" "$r" '^connect=ECONNREFUSED '
    r=$(probe_port "$SERVER_ADDR6" "$SSHD_PORT" --first-line)
    expect "moved-port: banner on [$SERVER_ADDR6]:$SSHD_PORT" "$r" 'data="SSH-2\.0-OpenSSH'
    r=$(srv 'sshd -T | grep "^port "' || true)
    expect "moved-port: sshd -T says port $SSHD_PORT" "$r" "^port $SSHD_PORT$"
}

check_loopback_only() {
    local r
    refused_both loopback-only
    r=$(srv "ss -Hltn sport = :$PORT" | awk '{ print $4 }' | sort | tr '\n' ' ' || true)
    expect "loopback-only: listens on loopback only" "$r" '^127\.0\.0\.1:22 \[::1\]:22 $'
}

check_match_block() {
    local r
    r=$(srv "sshd -T -C $MATCH_CONNECTION" | grep -E '^(permitrootlogin|maxauthtries|passwordauthentication|denyusers) ' | sort | tr '\n' ' ' || true)
    expect "match-block: sshd -T -C $MATCH_CONNECTION" "$r" '^denyusers bob maxauthtries 2 passwordauthentication yes permitrootlogin no $'
    r=$(srv 'sshd -T' | grep -E '^(permitrootlogin|maxauthtries|passwordauthentication) ' | sort | tr '\n' ' ' || true)
    expect "match-block: sshd -T (no match)" "$r" '^maxauthtries 6 passwordauthentication no permitrootlogin without-password $'
    r=$("$LAB" exec "$S" client -- ssh -F "$SSH_CONFIG" "$SERVER_ADDR" true 2>&1 || true)
    expect "match-block: root refused from the client" "$r" 'Permission denied'
    log_has "match-block: ROOT LOGIN REFUSED" "${SYSLOG_RE}ROOT LOGIN REFUSED FROM $CLIENT_ADDR port"
}

check_invalid_config() {
    local r
    r=$(srv 'sshd -t 2>&1; echo "rc=$?"' || true)
    expect "invalid-config: sshd -t fails" "$r" $'^/etc/ssh/sshd_config: line [0-9]+: Bad configuration option: PermitRootLogn\r?\n.*rc=255$'
    r=$("$LAB" exec "$S" client -- ssh -F "$SSH_CONFIG" "$SERVER_ADDR6" 'echo login-ok' 2>&1 || true)
    expect "invalid-config: the running sshd still logs in" "$r" '^login-ok$'
}

check_invalid_config_stopped() {
    local r
    refused_both invalid-config-stopped
    r=$(srv 'sshd -t 2>&1; echo "rc=$?"; ss -Hltn sport = :'"$PORT"' | grep -c LISTEN' || true)
    expect "invalid-config-stopped: sshd -t fails, nothing on $PORT" "$r" $'^/etc/ssh/sshd_config: line [0-9]+: Bad configuration option: PermitRootLogn\r?\n.*rc=255\n0$'
}

check_allowusers() {
    local r
    log_has "allowusers: bob not listed" "${SYSLOG_RE}User bob from $CLIENT_ADDR not allowed because not listed in AllowUsers"
    r=$(as alice "$PORT" 'echo login-ok' || true)
    expect "allowusers: alice logs in" "$r" '^login-ok$'
}

# login_stage NAME USER REGEX [OTHER]: the scenario's user is refused with sshd's REGEX line in
# auth.log, while OTHER (alice by default) still logs in: only that account or key is broken.
login_stage() {
    local name=$1 user=$2 other=${4:-alice} r
    log_has "$name: sshd refused $user" "$3"
    r=$(as "$other" "$PORT" 'echo login-ok' || true)
    expect "$name: $other still logs in" "$r" '^login-ok$'
}

check_authkeys_modes() { login_stage authkeys-modes alice "Authentication refused: bad ownership or modes for directory /home/alice/.ssh" bob; }
check_account_locked() { login_stage account-locked bob "User bob not allowed because account is locked"; }
check_account_expired() { login_stage account-expired bob "Account bob has expired"; }
check_shell_invalid() { login_stage shell-invalid bob "User bob not allowed because shell /bin/sst-no-such-shell does not exist"; }
check_root_login_no() { login_stage root-login-no root "ROOT LOGIN REFUSED FROM $CLIENT_ADDR"; }
check_key_not_authorized() { login_stage key-not-authorized alice "Failed publickey for alice from $CLIENT_ADDR" bob; }
check_key_type_rejected() { login_stage key-type-rejected alice "not in PubkeyAcceptedAlgorithms" bob; }
check_algorithm_mismatch() { login_stage algorithm-mismatch alice "Unable to negotiate with $CLIENT_ADDR port [0-9]+: no matching host key type found. Their offer: ssh-rsa"; }
check_too_many_keys() { login_stage too-many-keys alice "maximum authentication attempts exceeded for alice from $CLIENT_ADDR" bob; }
check_empty_password() { login_stage empty-password bob "Failed none for bob from $CLIENT_ADDR"; }
check_grace_timeout() { login_stage grace-timeout bob "Connection from $CLIENT_ADDR port [0-9]+ on $SERVER_ADDR port $PORT"; }
check_dns_slow() {
    local r
    # Every login waits for the lookup, so nobody else logs in either.
    log_has "dns-slow: alice's connection arrived" "Connection from $CLIENT_ADDR port [0-9]+ on $SERVER_ADDR port $PORT"
    r=$("$LAB" exec "$S" server -- sh -c 'timeout 3 getent hosts '"$CLIENT_ADDR"'; echo "rc=$?"' 2>&1 || true)
    expect "dns-slow: the server's reverse lookup of the client hangs" "$r" '^rc=124$'
}
check_host_key_changed() {
    local r
    r=$("$LAB" exec "$S" server -- ssh -F "$FROMHOST_SSH_CONFIG" "$CLIENT_ADDR" "ssh-keygen -l -F $SERVER_ADDR -f /root/.ssh/known_hosts | grep -v '^#' | wc -l" 2>&1 || true)
    expect "host-key-changed: the client's root knows other keys for the server" "$r" '^2$'
    login_stage host-key-changed root "Connection closed by $CLIENT_ADDR port [0-9]+ \\[preauth\\]" alice
}
check_password_disabled() { login_stage password-disabled bob "Connection closed by authenticating user bob"; }

check_not_ssh_silent() {
    local r
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a")
        expect "not-ssh-silent: $a accepts and stays silent" "$r" '^connect=ok .*end=timeout'
    done
    r=$(srv "ss -Hltnp sport = :$PORT" || true)
    expect "not-ssh-silent: ss names socat on $PORT" "$r" 'users:\(\("socat"'
}

check_privsep_missing() {
    local r
    refused_both privsep-missing
    r=$("$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -i "$CLIENT_KEY" -o IdentitiesOnly=yes \
        -o UserKnownHostsFile="$KNOWN_HOSTS" -p "$MGMT_PORT" -l root -- "$SERVER_ADDR" 'sshd -t; echo "rc=$?"; test -d /run/sshd || echo no-run-sshd' 2>&1 || true)
    expect "privsep-missing: root's management session: sshd -t misses /run/sshd" "$r" $'Missing privilege separation directory: /run/sshd\r?\nrc=255\nno-run-sshd$'
}

check_allowusers_quiet() {
    local r
    r=$(as bob "$PORT" 'echo login-ok' || true)
    expect "allowusers-quiet: bob is refused" "$r" 'Permission denied'
    r=$(as alice "$PORT" 'echo login-ok' || true)
    expect "allowusers-quiet: alice logs in" "$r" '^login-ok$'
}

check_match_denygroups() {
    local r
    r=$(srv "sshd -T | grep -c ^denygroups; sshd -T -C $MATCH_CONNECTION | grep ^denygroups; id -Gn bob" || true)
    expect "match-denygroups: only the client's Match block denies contractors; bob is in it" "$r" $'^0\ndenygroups contractors\nbob contractors$'
    r=$(as bob "$PORT" 'echo login-ok' || true)
    expect "match-denygroups: bob is refused" "$r" 'Permission denied'
    log_has "match-denygroups: the refusal names DenyGroups" "${SYSLOG_RE}User bob from $CLIENT_ADDR not allowed because a group is listed in DenyGroups"
}

check_failed_logins() {
    log_has "failed-logins: Failed publickey" "${SYSLOG_RE}Failed publickey for root from $CLIENT_ADDR port [0-9]+ ssh2: ED25519 "
    log_has "failed-logins: Invalid user" "${SYSLOG_RE}Invalid user nosuchuser from $CLIENT_ADDR port"
    log_has "failed-logins: maximum authentication attempts" "${SYSLOG_RE}error: maximum authentication attempts exceeded for root from $CLIENT_ADDR"
    log_has "failed-logins: Too many authentication failures" "${SYSLOG_RE}Disconnecting authenticating user root $CLIENT_ADDR port [0-9]+: Too many authentication failures"
    log_has "failed-logins: Failed password" "${SYSLOG_RE}Failed password for nosudo from $CLIENT_ADDR"
    log_has "failed-logins: Failed password for invalid user" "${SYSLOG_RE}Failed password for invalid user nosuchuser from $CLIENT_ADDR"
}

check_penalty() {
    local r
    r=$(probe "$SERVER_ADDR")
    expect "penalty: $SERVER_ADDR dropped with a message" "$r" '^connect=ok .*bytes=26 data="Not allowed at this time\\r\\n"$'
    log_has "penalty: drop line" "^.* sst-server sshd\[[0-9]+\]: drop connection #[0-9]+ from \[$CLIENT_ADDR\]:[0-9]+ on \[$SERVER_ADDR\]:$PORT penalty: failed authentication"
    r=$(srv 'sshd -V 2>&1' || true)
    expect "penalty: /usr/sbin/sshd in the server is $SSHD_VERSION" "$r" "^OpenSSH_$SSHD_VERSION"
}

check_refuse_connection() {
    local r
    r=$(probe "$SERVER_ADDR" --first-line)
    expect "refuse-connection: banner still sent" "$r" 'data="SSH-2\.0-OpenSSH_10'
    r=$(as root "$PORT" true || true)
    expect "refuse-connection: ssh closed at auth" "$r" "Connection closed by $SERVER_ADDR port $PORT"
    log_has "refuse-connection: logged" "sshd-session\[[0-9]+\]: administratively prohibited connection for root from $CLIENT_ADDR"
}

# What must hold in the root namespace while and after a lab runs.
root_snapshot() {
    {
        root_net_snapshot
        ls -la /dev/log /run/sshd 2>&1
        md5sum /etc/hosts.allow /etc/hosts.deny /etc/resolv.conf /etc/hosts /etc/passwd /etc/shadow \
            /etc/group /etc/gshadow /etc/ssh/sshd_config /usr/sbin/sshd
        [[ -f /etc/sudoers ]] && md5sum /etc/sudoers && ls -la /etc/sudoers.d
        ls -la /etc/ssh /home /var/log /run/sudo
        ls -laR --time-style=+%s /run/log /var/log/journal
        hostname
    } 2>&1
}

# The firewall scenarios' checks live in their own file; sourced, it only defines check_fw_*.
# shellcheck source=selftest-firewall.sh
. "$HERE/selftest-firewall.sh"

run_scenario() {
    local name=$1 fn="check_${1//-/_}" t1=$SECONDS
    S="$BASE/$name"
    if [[ $name == f2b-* ]]; then
        skip "$name" "covered by selftest-fail2ban.sh"
        return
    fi
    if [[ $name == fw-firewalld ]] && ! command -v firewalld >/dev/null; then
        skip "$name" "firewalld is not installed"
        return
    fi
    if grep -q require_openssh10 "$HERE/scenarios/$name.sh" && ! "$HERE/openssh10.sh" --cached >/dev/null &&
        ! [[ $("${SSHD_BIN:-/usr/sbin/sshd}" -V 2>&1) == OpenSSH_[1-9][0-9]* ]]; then
        skip "$name" "needs OpenSSH 10: run tests/lab/openssh10.sh once"
        return
    fi
    unset MGMT_PORT SERVER_LOG
    selftest_up "$name" CLIENT_NS SERVER_NS SERVER_ADDR SERVER_ADDR6 CLIENT_ADDR CLIENT_ADDR6 PORT || return
    if [[ -n ${MGMT_PORT:-} ]]; then
        local r
        r=$(as triage "$MGMT_PORT" 'echo mgmt-ok' || true)
        expect "$name: management sshd (triage@:$MGMT_PORT)" "$r" '^mgmt-ok$'
    fi
    if declare -F "$fn" >/dev/null; then "$fn"; else bad "$name: no checks in selftest.sh"; fi
    if [[ ${SERVER_LOG:-} == journal ]]; then
        local r
        r=$(srv 'test -e /var/log/auth.log && echo has-auth.log; journalctl -q -u ssh --no-pager | grep -c "sshd\(-session\)\?\["' || true)
        expect "$name: journal only: no /var/log/auth.log, sshd's lines in the journal" "$r" '^[1-9][0-9]*$'
    fi

    selftest_down "$name" "$t1"
}

# Two labs at once must not collide (names derive from the state dir).
check_concurrent() {
    local a="$BASE/conc-a" b="$BASE/conc-b" ra rb ida idb
    "$LAB" up open "$a" >/dev/null 2>"$BASE/conc.err" &
    "$LAB" up open "$b" >/dev/null 2>>"$BASE/conc.err" &
    wait
    if [[ -f $a/lab.env && -f $b/lab.env ]]; then
        ida=$(<"$a/lab.id")
        idb=$(<"$b/lab.id")
        S=$a
        ra=$(probe 198.51.100.20 --first-line)
        S=$b
        rb=$(probe 2001:db8:100::20 --first-line)
        if [[ $ida != "$idb" && $ra == *SSH-2.0-* && $rb == *SSH-2.0-* ]]; then
            ok "concurrent: two labs up at once" "$ida and $idb both answer"
        else
            bad "concurrent: two labs up at once" "$ida/$idb: $ra / $rb"
        fi
    else
        bad "concurrent: two labs up at once" "$(tr '\n' ' ' <"$BASE/conc.err")"
    fi
    "$LAB" down "$a" || bad "concurrent: down a"
    "$LAB" down "$b" || bad "concurrent: down b"
    if ip netns list | grep -q "^${ida:-none}-\|^${idb:-none}-"; then bad "concurrent: namespaces left"; else ok "concurrent: both torn down"; fi
}

# A failing `up` must leave nothing behind.
check_failed_up() {
    local d="$BASE/failing" id
    id=$(LAB_QUIET=1 bash -c '. "$1/lib/common.sh"; lab_id_for "$2"' _ "$HERE" "$d")
    if SSHD_BIN=/nonexistent/sshd "$LAB" up open "$d" >/dev/null 2>&1; then
        bad "failed up: lab.sh up should fail with a missing sshd"
    else
        if [[ ! -e $d ]] && ! ip netns list | grep -q "^$id-"; then
            ok "failed up: cleaned up after itself"
        else
            bad "failed up: left state" "$(find "$d" -maxdepth 1 2>&1 | tr '\n' ' ') $(ip netns list | grep "^$id-" | tr '\n' ' ')"
        fi
    fi
}

selftest_each '.' "$@"
if (($# == 0)); then
    check_concurrent
    check_failed_up
fi
selftest_finish "root namespace unchanged at the end"
