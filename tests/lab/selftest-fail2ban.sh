#!/usr/bin/env bash
# Self-test of the lab's real Fail2Ban (lib/fail2ban.sh, scenarios/f2b-*.sh): each
# f2b scenario up in turn; the ban is where the scenario says (Fail2Ban's list,
# the firewall); what a raw TCP client in the client namespace sees; plain
# `fail2ban-client` in the server talks to the lab's Fail2Ban; then teardown and
# proof that nothing is left (namespaces, processes, Fail2Ban servers, mounts,
# state dir, the machine's own /etc/fail2ban, /run/fail2ban, /var/lib/fail2ban,
# /var/log/fail2ban.log). Usage: selftest-fail2ban.sh [scenario...] (~1 min);
# SSHD_BIN=$(tests/lab/openssh10.sh) selftest-fail2ban.sh: the same with OpenSSH 10.
set -euo pipefail

# shellcheck source=selftest-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/selftest-lib.sh"
command -v fail2ban-server >/dev/null || {
    echo "selftest-fail2ban: fail2ban is not installed (Debian package fail2ban)" >&2
    exit 2
}
selftest_init f2b-selftest 52

# in the server, as root, the plain way (no -c/-s): what the module runs.
srv() {
    "$LAB" exec "$S" server -- sh -c "$*" 2>&1 || true
}

# The module's path: triage on the management port from the client.
mgmt() {
    "$LAB" exec "$S" client -- ssh -T -o BatchMode=yes -o ConnectTimeout=5 -l triage \
        -i "$USER_TRIAGE_KEY" -o IdentitiesOnly=yes -p "$MGMT_PORT" -o UserKnownHostsFile="$KNOWN_HOSTS" \
        -o StrictHostKeyChecking=yes -- "$SERVER_ADDR" "$@" 2>&1 || true
}

# iptables_lines NAME N GREP-ARG...: iptables-save in the server has N lines grep matches
# (the count check each banaction's rules get).
iptables_lines() {
    local name=$1 n=$2 r
    shift 2
    r=$(srv 'iptables-save' | grep -c "$@" || true)
    expect "$name" "$r" "^$n\$"
}

banned_list() { # JAIL
    srv "fail2ban-client status $1" | sed -n 's/.*Banned IP list:[[:space:]]*//p'
}

# shellcheck disable=SC2153 # SCENARIO and the rest come from lab.env
# Common to every f2b scenario: Fail2Ban answers the plain client, its files are
# the lab's, the module's path works.
check_common() {
    local r
    r=$(srv 'fail2ban-client ping')
    expect "$SCENARIO: plain fail2ban-client ping" "$r" '^Server replied: pong$'
    r=$("$LAB" exec "$S" server -- "$F2B_CLIENT" status 2>&1 || true)
    expect "$SCENARIO: F2B_CLIENT status" "$r" $'^Status\n'
    r=$(srv "cmp /etc/fail2ban/jail.local $F2B_JAIL_LOCAL && echo jail.local-is-lab; test -S /var/run/fail2ban/fail2ban.sock && echo socket; test -S $F2B_SOCKET && echo state-socket; cat /var/run/fail2ban/fail2ban.pid")
    expect "$SCENARIO: /etc/fail2ban, /var/run/fail2ban are the lab's" "$r" $'^jail.local-is-lab\nsocket\nstate-socket\n'"$F2B_SERVER_PID"'$'
    r=$(mgmt 'sudo -n fail2ban-client status')
    expect "$SCENARIO: sudo fail2ban-client status via triage@$MGMT_PORT" "$r" $'^Status\n\|- Number of jail:\t[0-9]+\n`- Jail list:\t'
    if [[ -n ${BANNED_IP:-} ]]; then
        r=$(banned_list "${JAIL:-sshd}")
        expect "$SCENARIO: ${JAIL:-sshd} lists $BANNED_IP" " $r " " ${BANNED_IP//./\\.} "
        r=$(srv "fail2ban-client get ${JAIL:-sshd} banip --with-time")
        expect "$SCENARIO: banip --with-time" "$r" "^${BANNED_IP//./\\.} "$'\t''[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} \+ [0-9]+ = [0-9]{4}-'
    fi
}

refused_v4_open_v6() {
    local r
    r=$(probe "$SERVER_ADDR")
    expect "$SCENARIO: $SERVER_ADDR:$PORT refused" "$r" '^connect=ECONNREFUSED '
    fast "$SCENARIO: refused at once" "$r"
    r=$(probe "$SERVER_ADDR6" --first-line)
    expect "$SCENARIO: [$SERVER_ADDR6]:$PORT banner (not banned)" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
}

check_f2b_iptables() {
    local r
    iptables_lines "f2b-iptables: REJECT rule in f2b-sshd" 1 -- "-A f2b-sshd -s $BANNED_IP/32 -j REJECT --reject-with icmp-port-unreachable"
    refused_v4_open_v6
    r=$(probe_port "$SERVER_ADDR" "$MGMT_PORT" --first-line)
    expect "f2b-iptables: management port not banned" "$r" 'connect=ok .*data="SSH-2\.0-'
    r=$(grep -c "NOTICE  \[sshd\] Ban $BANNED_IP" "$F2B_LOG" || true)
    expect "f2b-iptables: fail2ban.log has the Ban line" "$r" '^1$'
    r=$(srv 'tail -n 1 /var/log/fail2ban.log')
    expect "f2b-iptables: /var/log/fail2ban.log is F2B_LOG" "$r" "NOTICE  \[sshd\] Ban $BANNED_IP"
}

check_f2b_nftables() {
    local r
    r=$(srv 'nft list set inet f2b-table addr-set-sshd')
    expect "f2b-nftables: set addr-set-sshd holds the client" "$r" "elements = \{ ${BANNED_IP//./\\.} \}"
    refused_v4_open_v6
}

check_f2b_ipset() {
    local r
    r=$(srv "ipset test f2b-sshd $BANNED_IP")
    expect "f2b-ipset: ipset f2b-sshd holds the client" "$r" "is in set f2b-sshd"
    iptables_lines "f2b-ipset: iptables rule matches the set" 1 -- '--match-set f2b-sshd src -j REJECT'
    refused_v4_open_v6
}

check_f2b_not_enforced() {
    local r
    iptables_lines "f2b-not-enforced: no rule for the banned address" 0 -- "-s $BANNED_IP/"
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --first-line)
        expect "f2b-not-enforced: banner via $a" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
    done
}

check_f2b_wrong_port() {
    local r
    r=$(srv "fail2ban-client get sshd action iptables-multiport port; iptables-save | grep -c -- '--dports 22 -j f2b-sshd'")
    expect "f2b-wrong-port: jail port ssh, rule for 22 only" "$r" $'^ssh\n1$'
    r=$(probe "$SERVER_ADDR" --first-line)
    expect "f2b-wrong-port: banned client still gets the banner on $PORT" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
    r=$(probe_port "$SERVER_ADDR" 22)
    expect "f2b-wrong-port: 22 refused (banned, and nothing listens)" "$r" '^connect=ECONNREFUSED '
}

check_f2b_gateway_banned() {
    local r
    expect "f2b-gateway-banned: banned address is the gateway" "$BANNED_IP" "^${GATEWAY_ADDR//./\\.}$"
    r=$(banned_list sshd)
    if [[ " $r " == *" $CLIENT_ADDR "* ]]; then bad "f2b-gateway-banned: client address not in the list" "$r"; else ok "f2b-gateway-banned: client address not in the list" "$r"; fi
    r=$(grep -cE "sshd(-session)?\[[0-9]+\]: Invalid user sst-nosuch[0-9] from ${GATEWAY_ADDR//./\\.} port" "$AUTH_LOG" || true)
    expect "f2b-gateway-banned: auth.log shows the gateway" "$r" '^[3-9]$'
    refused_v4_open_v6
    # The reverse path: the server logs in to the client's sshd (client_sshd_up).
    r=$("$LAB" exec "$S" server -- ssh -o BatchMode=yes -o UserKnownHostsFile="$FROMHOST_KNOWN_HOSTS" \
        -i "$FROMHOST_KEY" "$FROMHOST_USER@$CLIENT_ADDR" 'echo fromhost-ok' 2>&1 || true)
    expect "f2b-gateway-banned: server -> client ssh ($CLIENT_ADDR)" "$r" '^fromhost-ok$'
    r=$("$LAB" exec "$S" server -- ssh -F "$FROMHOST_SSH_CONFIG" -p "$CLIENT_SSH_PORT" "$CLIENT_ADDR6" 'echo fromhost-ok' 2>&1 || true)
    expect "f2b-gateway-banned: server -> client ssh ($CLIENT_ADDR6)" "$r" '^fromhost-ok$'
    r=$(grep -cE "sst-client sshd\[[0-9]+\]: Accepted publickey for root from (${SERVER_ADDR//./\\.}|$SERVER_ADDR6) port" "$CLIENT_SSHD_AUTH_LOG" || true)
    expect "f2b-gateway-banned: client's sshd logged both logins" "$r" '^2$'
}

check_f2b_ban_ineffective() {
    local r a
    expect "f2b-ban-ineffective: banned address is the client's own" "$BANNED_IP" "^${CLIENT_ADDR//./\\.}$"
    r=$(banned_list sshd)
    if [[ " $r " == *" $GATEWAY_ADDR "* ]]; then bad "f2b-ban-ineffective: gateway not in the list" "$r"; else ok "f2b-ban-ineffective: gateway not in the list" "$r"; fi
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --first-line)
        expect "f2b-ban-ineffective: banner via $a (ban cannot bite)" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
    done
    r=$("$LAB" exec "$S" client -- ssh -F "$SSH_CONFIG" "$SERVER_ADDR" 'echo login-ok' 2>&1 || true)
    expect "f2b-ban-ineffective: the banned client logs in" "$r" '^login-ok$'
    # Enforced, never hit: the REJECT for the client counts 0 packets after all that.
    r=$(srv 'iptables-save -c' | grep -- "-A f2b-sshd -s $BANNED_IP/32 -j REJECT" || true)
    expect "f2b-ban-ineffective: REJECT for the client, 0 packets" "$r" '^\[0:0\] -A f2b-sshd -s '
    r=$(grep -cE "sshd(-session)?\[[0-9]+\]: Accepted publickey for root from ${GATEWAY_ADDR//./\\.} port" "$AUTH_LOG" || true)
    expect "f2b-ban-ineffective: auth.log shows the gateway" "$r" '^[1-9][0-9]*$'
    r=$(grep -cF -- " from $CLIENT_ADDR " "$AUTH_LOG" || true)
    expect "f2b-ban-ineffective: auth.log never names the client" "$r" '^0$'
}

check_f2b_ban_behind_nat() {
    local r a
    r=$(banned_list sshd)
    expect "f2b-ban-behind-nat: the client's own address is banned" " $r " " ${CLIENT_ADDR//./\\.} "
    if [[ " $r " == *" $GATEWAY_ADDR "* ]]; then bad "f2b-ban-behind-nat: gateway not in the list" "$r"; else ok "f2b-ban-behind-nat: gateway not in the list" "$r"; fi
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        r=$(probe "$a" --first-line)
        expect "f2b-ban-behind-nat: banner via $a (the NAT hides the banned client)" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
    done
    r=$(srv 'iptables-save -c' | grep -- "-A f2b-sshd -s $CLIENT_ADDR/32 -j REJECT" || true)
    expect "f2b-ban-behind-nat: REJECT for the client, enforced" "$r" ' -A f2b-sshd -s '
    r=$(grep -cE "Invalid user sst-nosuch[0-9] from ${CLIENT_ADDR//./\\.} port" "$AUTH_LOG" || true)
    expect "f2b-ban-behind-nat: auth.log names the client's old failures" "$r" '^[1-9][0-9]*$'
    r=$(grep -cE "Accepted publickey for root from ${GATEWAY_ADDR//./\\.} port" "$AUTH_LOG" || true)
    expect "f2b-ban-behind-nat: then the gateway's login" "$r" '^[1-9][0-9]*$'
    r=$(srv "ip route get $CLIENT_ADDR" || true)
    expect "f2b-ban-behind-nat: the server's route to the client goes through the gateway" "$r" " via ${GATEWAY_ADDR//./\\.} "
}

check_f2b_ignoreip() {
    local r
    # The entries come from a Python set: their order changes from run to run.
    r=$(srv 'fail2ban-client get sshd ignoreip')
    expect "f2b-ignoreip: get ignoreip (header, last entry marked)" "$r" $'^These IP addresses/networks are ignored:\n(\|- [^\n]+\n){3}`- [^\n]+$'
    r=$(sed -n 's/^[|`]- //p' <<<"$r" | sort | tr '\n' ' ')
    expect "f2b-ignoreip: ignoreip entries (127.0.0.1/8 normalised)" "$r" '^127\.0\.0\.0/8 2001:db8:203::/64 203\.0\.113\.50 ::1 $'
    r=$(grep -c -e '^           2001:db8:203::/64$' -e '^#ignoreip = 198.51.100.0/24$' "$F2B_JAIL_LOCAL")
    expect "f2b-ignoreip: jail.local continuation and commented ignoreip" "$r" '^2$'
    refused_v4_open_v6
}

check_f2b_recidive() {
    local r
    r=$(srv 'fail2ban-client status')
    expect "f2b-recidive: two jails" "$r" $'Number of jail:\t2\n`- Jail list:\trecidive, sshd$'
    r=$(banned_list recidive)
    expect "f2b-recidive: recidive lists the client" " $r " " ${BANNED_IP//./\\.} "
    r=$(srv 'fail2ban-client banned')
    expect "f2b-recidive: banned (all jails)" "$r" "^\[\{'sshd': \['$BANNED_IP'\]\}, \{'recidive': \['$BANNED_IP'\]\}\]$"
    iptables_lines "f2b-recidive: a rule in each chain" 2 -E -- "-A f2b-(sshd|recidive) -s $BANNED_IP/32 -j REJECT"
    refused_v4_open_v6
}

check_f2b_journal() {
    local r
    r=$(srv 'fail2ban-client status sshd')
    expect "f2b-journal: journal matches, nothing counted" "$r" $'Total failed:\t0\n\|  `- Journal matches:\t_SYSTEMD_UNIT=sshd\.service \+ _COMM=sshd\n'
    r=$(grep -c 'Invalid user sst-nosuch' "$AUTH_LOG" || true)
    expect "f2b-journal: failures are in auth.log" "$r" '^[3-9]$'
    r=$(probe "$SERVER_ADDR" --first-line)
    expect "f2b-journal: client still gets the banner" "$r" 'connect=ok .*data="SSH-2\.0-OpenSSH_'
}

# What must hold in the root namespace (and the machine's own Fail2Ban paths).
root_snapshot() {
    {
        root_net_snapshot
        ipset list -n 2>/dev/null
        ls -la --time-style=+%s /run/fail2ban /var/lib/fail2ban /var/log/fail2ban.log /etc/fail2ban /etc/fail2ban/jail.d
        find /etc/fail2ban -type f -exec md5sum {} + | sort
        md5sum /var/log/fail2ban.log
        ls -la /dev/log /run/sshd
        hostname
    } 2>&1
}

f2b_servers_of() { # STATEDIR: pids of fail2ban-server processes started for this lab
    local p
    for p in /proc/[0-9]*; do
        [[ -r $p/cmdline ]] || continue
        tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -- "fail2ban-server -c $1/" && printf '%s ' "${p#/proc/}"
    done
    return 0
}

# The shared proof of a clean teardown, and no fail2ban-server of this lab left.
verify_f2b_gone() {
    local name=$1 dir=$5 left
    verify_gone "$@"
    left=$(f2b_servers_of "$dir")
    if [[ -z $left ]]; then ok "$name: no fail2ban-server of this lab"; else bad "$name: fail2ban-server left" "$left"; fi
}

run_scenario() {
    local name=$1 fn="check_${1//-/_}" t1=$SECONDS
    S="$BASE/$name"
    if [[ $name == f2b-ipset ]] && ! command -v ipset >/dev/null; then
        skip "$name" "needs ipset (Debian package ipset)"
        return
    fi
    unset BANNED_IP JAIL GATEWAY_ADDR
    selftest_up "$name" F2B_CONF_DIR F2B_SOCKET F2B_PID F2B_LOG F2B_DB F2B_CLIENT F2B_SERVER_PID EXPECT_SYMPTOM EXPECT_CAUSE || return
    check_common
    if declare -F "$fn" >/dev/null; then "$fn"; else bad "$name: no checks in selftest-fail2ban.sh"; fi

    selftest_down "$name" "$t1" verify_f2b_gone
}

selftest_each '^f2b-' "$@"
selftest_finish "root namespace and fail2ban paths unchanged at the end"
