#!/usr/bin/env bash
# Self-test of the firewall scenarios (fw-*): each one up, what a raw TCP client in
# the client namespace sees on PORT (v4 and v6, against EXPECT_CONNECT/6), the
# management port still open, the rule set seen the collector's way (ssh -p 2222
# triage, sudo -n), then teardown and proof that nothing is left (namespaces,
# processes, mounts, state dir, root namespace incl. legacy x_tables, /etc/ufw,
# /etc/default/ufw, /lib/ufw, /etc/firewalld, /run).
#
#   tests/lab/selftest-firewall.sh [scenario...]     default: every fw-* scenario (~1.5 min)
#
# Sourced (by selftest.sh), it only defines the check_fw_* functions; they use
# selftest-lib.sh's helpers (ok, bad, expect, fast, probe, as, server_listens, $BASE).
set -euo pipefail

# ---- checks (need: ok bad expect fast probe as server_listens, BASE, lab.env loaded) ----

# fw_srv SCRIPT: SCRIPT as root in the server, the collector's way (stdin of sudo -n sh -s).
fw_srv() {
    as triage "$MGMT_PORT" 'sudo -n sh -s' <<<"$1" || true
}

# fw_probes: v4 and v6 probes of PORT against EXPECT_CONNECT / EXPECT_CONNECT6.
# ok -> banner; an errno -> that errno within 500 ms; timeout -> no answer in 2 s.
fw_probes() {
    # shellcheck disable=SC2153 # SCENARIO comes from lab.env
    local name=$SCENARIO a want r i=0
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        i=$((i + 1))
        probe "$a" --first-line --connect-timeout 2 --read-timeout 2 >"$BASE/$name.probe$i" &
    done
    wait
    i=0
    for a in "$SERVER_ADDR" "$SERVER_ADDR6"; do
        i=$((i + 1))
        want=$EXPECT_CONNECT
        [[ $a == *:* ]] && want=$EXPECT_CONNECT6
        r=$(<"$BASE/$name.probe$i")
        case $want in
            ok) expect "$name: $a:$PORT banner" "$r" '^connect=ok .*data="SSH-2\.0-OpenSSH_' ;;
            timeout) expect "$name: $a:$PORT times out" "$r" '^connect=timeout ' ;;
            *)
                expect "$name: $a:$PORT $want" "$r" "^connect=$want "
                fast "$name: $a:$PORT $want at once" "$r"
                ;;
        esac
    done
}

check_fw_iptables_chains() {
    local r
    server_listens "fw-iptables-chains: sshd is running"
    fw_probes
    r=$(fw_srv 'iptables-save -c | grep -c -e "-g sst-mgmt" -e "-j RETURN" -e "--ctstate RELATED,ESTABLISHED"
        iptables-save -c | sed -n "s/^\[\([0-9]*\):[0-9]*\] .*no ssh from the client net.*/\1/p"
        ip6tables-save -c | sed -n "s/^\[\([0-9]*\):[0-9]*\] .*no ssh from the client net.*/\1/p"')
    expect "fw-iptables-chains: goto, RETURN, conntrack; REJECT counters moved (v4, v6)" "$r" $'^3\n[1-9][0-9]*\n[1-9][0-9]*$'
}

check_fw_iptables_policy_drop() {
    local r
    server_listens "fw-iptables-policy-drop: sshd is running"
    fw_probes
    r=$(fw_srv 'iptables -S INPUT | head -n1; ip6tables -S INPUT | head -n1')
    expect "fw-iptables-policy-drop: INPUT policy DROP (v4, v6)" "$r" $'^-P INPUT DROP\n-P INPUT DROP$'
}

check_fw_legacy_split() {
    local r
    server_listens "fw-legacy-split: sshd is running"
    fw_probes
    r=$(fw_srv 'iptables-save 2>&1 >/dev/null; ip6tables-save 2>&1 >/dev/null
        iptables-legacy-save | grep -c -- "-j DROP"; ip6tables-legacy-save | grep -c -- "-j DROP"
        nft list ruleset 2>/dev/null | grep -c "dport 22 .*accept"; nft list ruleset 2>/dev/null | grep -c drop
        nft list ruleset 2>&1 >/dev/null')
    expect "fw-legacy-split: iptables-nft warns of legacy tables, legacy DROPs, nft only accepts (and warns)" "$r" \
        $'^# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n# Warning: ip6tables-legacy tables present, use ip6tables-legacy-save to see them\n1\n1\n2\n0\n# Warning: table ip filter is managed by iptables-nft, do not touch!\n# Warning: table ip6 filter is managed by iptables-nft, do not touch!$'
}

check_fw_nft_sets() {
    local r
    server_listens "fw-nft-sets: sshd is running"
    fw_probes
    r=$(fw_srv "nft get element inet sst_filter blocked_v4 '{ $CLIENT_ADDR }' | grep -o '198\.51\.100\.0/28'
        nft get element inet sst_filter blocked_v6 '{ $CLIENT_ADDR6 }' | grep -c '2001:db8:100::10'
        nft list chain inet sst_filter ssh_reject | sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'")
    expect "fw-nft-sets: client in blocked_v4 (as the /28) and blocked_v6; ssh_reject counted v4+v6" "$r" \
        $'^198\\.51\\.100\\.0/28\n1\n([2-9]|[1-9][0-9]+)$'
}

fw_counter_packets() {
    fw_srv 'nft -j list counter inet sst_filter ssh_drops' | sed -n 's/.*"packets": \([0-9]*\).*/\1/p'
}

check_fw_nft_counter() {
    local before after i
    server_listens "fw-nft-counter: sshd is running"
    fw_probes
    before=$(fw_counter_packets)
    for i in 1 2 3; do
        probe "$SERVER_ADDR" --connect-timeout 2 >/dev/null &
    done
    wait
    after=$(fw_counter_packets)
    if [[ $before =~ ^[0-9]+$ && $after =~ ^[0-9]+$ ]] && ((after - before >= 3)); then
        ok "fw-nft-counter: ssh_drops moved with 3 probes" "$before -> $after (SYN retransmissions count too)"
    else
        bad "fw-nft-counter: ssh_drops moved with 3 probes" "before '$before' after '$after'"
    fi
}

check_fw_ufw_deny() {
    local r
    server_listens "fw-ufw-deny: sshd is running"
    fw_probes
    r=$(fw_srv 'LANG=C ufw status verbose')
    expect "fw-ufw-deny: ufw active, default deny incoming, 2222 allowed" "$r" \
        'Status: active.*Default: deny \(incoming\), allow \(outgoing\), disabled \(routed\).*2222/tcp +ALLOW IN +Anywhere'
}

check_fw_ufw_limit() {
    local r
    server_listens "fw-ufw-limit: sshd is running"
    fw_probes
    r=$(fw_srv "LANG=C ufw status verbose | grep -c 'LIMIT IN'; grep -c -e 'src=$CLIENT_ADDR ' -e 'src=2001:0db8:0100:0000:0000:0000:0000:0010 ' /proc/net/xt_recent/DEFAULT")
    expect "fw-ufw-limit: LIMIT rules (v4, v6), client in xt_recent DEFAULT (v4, v6)" "$r" $'^2\n2$'
}

check_fw_recent_drop() {
    local r
    server_listens "fw-recent-drop: sshd is running"
    fw_probes
    r=$(fw_srv "grep -c -e 'src=$CLIENT_ADDR ' -e 'src=2001:0db8:0100:0000:0000:0000:0000:0010 ' /proc/net/xt_recent/SSH; sed -n 's/^jiffies: //p' /proc/timer_list | head -n 1")
    expect "fw-recent-drop: the client in xt_recent SSH (v4, v6); jiffies readable" "$r" $'^2\n[0-9]+$'
}

check_fw_hashlimit() {
    local r
    server_listens "fw-hashlimit: sshd is running"
    fw_probes
    r=$(fw_srv "grep -c '^[0-9]* $CLIENT_ADDR:0->0.0.0.0:0 ' /proc/net/ipt_hashlimit/sshlimit; ls /proc/net/ip6t_hashlimit")
    expect "fw-hashlimit: the client in ipt_hashlimit/sshlimit; ip6t_hashlimit/sshlimit6" "$r" $'^1\nsshlimit6$'
}

check_fw_ufw_allow() {
    local r
    server_listens "fw-ufw-allow: sshd is running"
    fw_probes
    r=$(fw_srv 'LANG=C ufw status verbose')
    expect "fw-ufw-allow: allow from the client's addresses" "$r" \
        "22/tcp +ALLOW IN +$CLIENT_ADDR +# client-v4.*22/tcp +ALLOW IN +$CLIENT_ADDR6 +# client-v6"
}

check_fw_docker_style() {
    local r
    server_listens "fw-docker-style: sshd is running"
    fw_probes
    r=$(fw_srv 'iptables -S FORWARD | head -n1; iptables-save -c -t filter | grep "DOCKER-USER -s 198.51.100.0/24"')
    expect "fw-docker-style: FORWARD DROP; the DOCKER-USER drop for 22 never counts" "$r" \
        $'^-P FORWARD DROP\n\\[0:0\\] -A DOCKER-USER -s 198\\.51\\.100\\.0/24 -p tcp -m tcp --dport 22 .*-j DROP$'
}

check_fw_firewalld() {
    local r
    server_listens "fw-firewalld: sshd is running"
    fw_probes
    r=$(fw_srv 'firewall-cmd --state; firewall-cmd --list-services; firewall-cmd --permanent --list-services; firewall-cmd --list-ports')
    expect "fw-firewalld: running; runtime has http, permanent not; no ssh service; 2222/tcp" "$r" \
        $'^running\ndhcpv6-client http\ndhcpv6-client\n2222/tcp$'
}

# ---- standalone run --------------------------------------------------------------
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
    return 0
fi

# shellcheck source=selftest-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/selftest-lib.sh"
selftest_init fwtest 60

expect() {
    if [[ $2 =~ $3 ]]; then ok "$1" "$(head -c 160 <<<"$2" | tr '\n' '|')"; else bad "$1" "got: $(tr '\n' '|' <<<"$2")"; fi
}

# What the lab must never change outside itself. The root namespace's legacy
# x_tables are read from /proc (iptables-legacy -L would create the filter table).
root_snapshot() {
    {
        root_net_snapshot
        cat /proc/net/ip_tables_names /proc/net/ip6_tables_names 2>/dev/null
        ls -1 /run /var/log
        ls -la --time-style=full-iso /dev/log /run/sshd /run/dbus /run/firewalld /run/ufw.lock /run/xtables.lock /var/log/firewalld 2>&1
        find /etc/ufw /lib/ufw /etc/default/ufw /etc/firewalld -type f -exec md5sum {} + 2>&1 | sort
        md5sum /etc/hosts /etc/passwd /etc/shadow /etc/group /etc/ssh/sshd_config
        hostname
    } 2>&1
}

run_scenario() {
    local name=$1 fn="check_${1//-/_}" t1=$SECONDS
    S="$BASE/$name"
    if [[ $name == fw-firewalld ]] && ! command -v firewalld >/dev/null; then
        skip "$name" "firewalld not installed (apt-get install firewalld)"
        return
    fi
    if [[ $name == fw-ufw-* ]] && ! command -v ufw >/dev/null; then
        skip "$name" "ufw not installed"
        return
    fi
    unset MGMT_PORT
    selftest_up "$name" FIREWALL FIREWALL_RULES FIREWALL_VERDICT EXPECT_CONNECT EXPECT_CONNECT6 EXPECT_SYMPTOM EXPECT_CAUSE || return
    if [[ -f $FIREWALL_RULES ]]; then ok "$name: FIREWALL_RULES exists" "$FIREWALL_RULES"; else bad "$name: FIREWALL_RULES missing" "$FIREWALL_RULES"; fi
    local r
    r=$(as triage "$MGMT_PORT" 'echo mgmt-ok' || true)
    expect "$name: management sshd (triage@:$MGMT_PORT)" "$r" '^mgmt-ok$'
    if declare -F "$fn" >/dev/null; then "$fn"; else bad "$name: no check_${name//-/_} in selftest-firewall.sh"; fi
    r=$(as triage "$MGMT_PORT" 'echo mgmt-ok' || true)
    expect "$name: management sshd still reachable after the probes" "$r" '^mgmt-ok$'

    selftest_down "$name" "$t1"
}

selftest_each '^fw-' "$@"
selftest_finish "root namespace unchanged at the end"
