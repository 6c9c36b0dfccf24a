#!/usr/bin/env bash
# Capture Fail2Ban parser fixtures from a real Fail2Ban (Debian 12: 1.0.2) in the
# lab's f2b-* scenarios, the way the module's collector reaches the server:
# `ssh -p 2222 -l triage ... 'sudo -n sh -s'` from the client namespace, the
# command on stdin (plain `fail2ban-client ...`, no -c/-s: inside the lab server
# /etc/fail2ban and /var/run/fail2ban are the lab's).
#
#   tests/lab/capture-fail2ban-fixtures.sh [OUTDIR]
#       default OUTDIR: tests/SshTriage.Core.Tests/Fixtures/fail2ban
#
# Each file: "# command: ...", "# version: ...", "# source: ...", "# exit: N",
# "# ---", then the raw output byte for byte. The command's stdout, unless the
# command line itself redirects (`2>&1 >/dev/null`: stderr only). Files whose
# name ends in -stderr.txt hold what the same command wrote on stderr.
# Re-running rewrites them (times, pids and state paths change).
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
OUT=${1:-$FIXTURES/fail2ban}
capture_init capture-fail2ban-fixtures /tmp/sst-f2b-fixtures /tmp/sst-f2b-capture.XXXXXX

F2B_V=
FW_V=
source_text() { # AS
    printf 'lab scenario %s, host %s (Fail2Ban %s, banaction %s), as %s' \
        "$SCENARIO" "$SERVER_HOSTNAME" "$F2B_VERSION" "${BANACTION:-none}" "$(as_text "$1")"
}

# cap NAME CMD [AS] [VERSION]: CMD's stdout; any stderr is an error unless the
# name says -stderr or the command redirects it.
cap() {
    local name=$1 cmd=$2 as=${3:-root} ver=${4:-$F2B_V}
    run_srv_stdout "$name" "$as" "$cmd"
    fixture "${SCENARIO#f2b-}-$name.txt" "$cmd" "$ver" "$(source_text "$as")" "$RC" "$TMP/out"
}

# cap2 NAME CMD [AS]: a command that also writes on stderr (errors, warnings):
# NAME.txt holds its stdout, NAME-stderr.txt its stderr (`CMD 2>&1 >/dev/null`),
# both from the same run (NAME-stderr.txt only when there was any).
cap2() {
    local name=$1 cmd=$2 as=${3:-root}
    run_srv "$as" "$cmd"
    fixture "${SCENARIO#f2b-}-$name.txt" "$cmd" "$F2B_V" "$(source_text "$as")" "$RC" "$TMP/out"
    if [[ -s $TMP/err ]]; then
        fixture "${SCENARIO#f2b-}-$name-stderr.txt" "$cmd 2>&1 >/dev/null" "$F2B_V" "$(source_text "$as")" "$RC" "$TMP/err"
    fi
}

# edit_jail_local SED-SCRIPT: change jail.local (in place, same inode) for one
# capture; restore_jail_local puts the scenario's bytes back.
edit_jail_local() {
    cp -p -- "$F2B_JAIL_LOCAL" "$TMP/jail.local.orig"
    sed -e "$1" -- "$TMP/jail.local.orig" >"$F2B_JAIL_LOCAL"
}
restore_jail_local() {
    cat -- "$TMP/jail.local.orig" >"$F2B_JAIL_LOCAL"
}

# test_config_edited NAME SED-SCRIPT: `fail2ban-client -t` (cap2 test-config-NAME) on jail.local
# as SED-SCRIPT changes it, then the scenario's bytes back: one broken config per fixture.
test_config_edited() {
    edit_jail_local "$2"
    cap2 "test-config-$1" 'fail2ban-client -t'
    restore_jail_local
}

rm -f -- "$OUT"/*.txt 2>/dev/null || true

# ---- f2b-iptables: the general fail2ban-client outputs -------------------------
up f2b-iptables
F2B_V=$(srv_line 'fail2ban-client --version')
FW_V=$(srv_line 'iptables-save --version')
cap version 'fail2ban-client --version'
cap status 'fail2ban-client status'
cap status-sshd 'fail2ban-client status sshd'
cap banip-with-time 'fail2ban-client get sshd banip --with-time'
cap banip 'fail2ban-client get sshd banip'
cap banned 'fail2ban-client banned'
cap banned-ip "fail2ban-client banned $BANNED_IP"
cap banned-ip-not "fail2ban-client banned 203.0.113.99"
cap get-banned-ip "fail2ban-client get sshd banned $BANNED_IP"
cap ignoreip-empty 'fail2ban-client get sshd ignoreip'
cap ignoreself 'fail2ban-client get sshd ignoreself'
cap actions 'fail2ban-client get sshd actions'
cap actionproperties 'fail2ban-client get sshd actionproperties iptables-multiport'
cap action-port 'fail2ban-client get sshd action iptables-multiport port'
cap action-protocol 'fail2ban-client get sshd action iptables-multiport protocol'
cap action-chain 'fail2ban-client get sshd action iptables-multiport chain'
cap action-blocktype 'fail2ban-client get sshd action iptables-multiport blocktype'
cap action-actionban 'fail2ban-client get sshd action iptables-multiport actionban'
cap action-actionstart 'fail2ban-client get sshd action iptables-multiport actionstart'
cap2 action-no-such-property 'fail2ban-client get sshd action iptables-multiport banaction'
cap2 action-no-such-action 'fail2ban-client get sshd action nosuchaction port'
cap bantime 'fail2ban-client get sshd bantime'
cap findtime 'fail2ban-client get sshd findtime'
cap maxretry 'fail2ban-client get sshd maxretry'
cap logpath 'fail2ban-client get sshd logpath'
cap journalmatch-none 'fail2ban-client get sshd journalmatch'
cap usedns 'fail2ban-client get sshd usedns'
cap dbfile 'fail2ban-client get dbfile'
cap logtarget 'fail2ban-client get logtarget'
cap2 dump-config 'fail2ban-client -d'
cap2 status-no-such-jail 'fail2ban-client status nosuchjail'
cap2 get-no-such-jail 'fail2ban-client get nosuchjail banip --with-time'
cap2 invalid-command 'fail2ban-client get sshd backend'
cap2 test-config-ok 'fail2ban-client -t'
test_config_edited missing-action 's/^banaction = .*/banaction = nosuchaction/'
# shellcheck disable=SC2016 # a sed script: $ is its last line
test_config_edited duplicate-section '$a [sshd]\nenabled = false'
test_config_edited syntax-error '/^port /a this line has no equals sign'
# shellcheck disable=SC2016 # a sed script: $ is its last line
test_config_edited missing-filter '$a \\n[nosuchfilter]\nenabled = true\nport = ssh\nlogpath = /var/log/auth.log'
# shellcheck disable=SC2016 # a sed script: $ is its last line
test_config_edited missing-logpath '$a \\n[sshd-extra]\nenabled = true\nfilter = sshd\nport = ssh\nlogpath = /var/log/nosuchfile.log'
cap2 reload 'fail2ban-client reload'
# reload puts the jails back as configured; the ban stays (database).
cap status-sshd-after-reload 'fail2ban-client status sshd'
cap2 addignoreip 'fail2ban-client set sshd addignoreip 203.0.113.77'
cap ignoreip-runtime 'fail2ban-client get sshd ignoreip'
cap2 delignoreip 'fail2ban-client set sshd delignoreip 203.0.113.77'
cap2 delignoreip-not-listed 'fail2ban-client set sshd delignoreip 203.0.113.77'
cap2 unbanip-not-banned 'fail2ban-client set sshd unbanip 203.0.113.99'
cap2 unbanip-invalid 'fail2ban-client set sshd unbanip not-an-address'
cap iptables-save 'iptables-save -c' root "$FW_V"
cap ip6tables-save 'ip6tables-save -c' root "$(srv_line 'ip6tables-save --version')"
# Two more bans by hand (one IPv6: ip6tables gets its own f2b-sshd chain).
cap2 banip-manual-two 'fail2ban-client set sshd banip 203.0.113.99 2001:db8:100::10'
cap status-sshd-three 'fail2ban-client status sshd'
cap banip-three 'fail2ban-client get sshd banip'
cap banip-with-time-three 'fail2ban-client get sshd banip --with-time'
cap banned-three 'fail2ban-client banned'
cap iptables-save-three 'iptables-save -c' root "$FW_V"
cap ip6tables-save-three 'ip6tables-save -c' root "$(srv_line 'ip6tables-save --version')"
cap2 unbanip-two 'fail2ban-client set sshd unbanip 203.0.113.99 2001:db8:100::10'
cap2 unbanip-banned "fail2ban-client set sshd unbanip $BANNED_IP"
cap status-sshd-after-unban 'fail2ban-client status sshd'
cap iptables-save-after-unban 'iptables-save -c' root "$FW_V"
cap2 banip-manual "fail2ban-client set sshd banip $BANNED_IP"
cap2 unban-all-jails "fail2ban-client unban $BANNED_IP"
cap2 status-nonroot 'fail2ban-client status' triage
cap2 stop 'fail2ban-client stop'
cap2 status-server-down 'fail2ban-client status'
cap2 ping-server-down 'fail2ban-client ping'
down

# ---- f2b-nftables ------------------------------------------------------------
up f2b-nftables
F2B_V=$(srv_line 'fail2ban-client --version')
FW_V=$(srv_line 'nft --version')
cap status-sshd 'fail2ban-client status sshd'
cap banip-with-time 'fail2ban-client get sshd banip --with-time'
cap actions 'fail2ban-client get sshd actions'
cap action-port 'fail2ban-client get sshd action nftables-multiport port'
cap action-actionban 'fail2ban-client get sshd action nftables-multiport actionban'
cap nft-list-ruleset 'nft list ruleset' root "$FW_V"
cap nft-json-list-ruleset 'nft -j list ruleset' root "$FW_V"
# An IPv6 ban by hand: nftables-multiport adds set addr6-set-sshd and its rule.
cap2 banip-manual-v6 'fail2ban-client set sshd banip 2001:db8:100::10'
cap status-sshd-v4v6 'fail2ban-client status sshd'
cap nft-list-ruleset-v4v6 'nft list ruleset' root "$FW_V"
cap nft-json-list-ruleset-v4v6 'nft -j list ruleset' root "$FW_V"
down

# ---- f2b-ipset ---------------------------------------------------------------
up f2b-ipset
F2B_V=$(srv_line 'fail2ban-client --version')
cap status-sshd 'fail2ban-client status sshd'
cap actions 'fail2ban-client get sshd actions'
cap ipset-list 'ipset list' root "$(srv_line 'ipset --version')"
cap iptables-save 'iptables-save -c' root "$(srv_line 'iptables-save --version')"
down

# ---- f2b-not-enforced ----------------------------------------------------------
up f2b-not-enforced
F2B_V=$(srv_line 'fail2ban-client --version')
cap status-sshd 'fail2ban-client status sshd'
cap banip-with-time 'fail2ban-client get sshd banip --with-time'
cap iptables-save 'iptables-save -c' root "$(srv_line 'iptables-save --version')"
down

# ---- f2b-wrong-port ----------------------------------------------------------
up f2b-wrong-port
F2B_V=$(srv_line 'fail2ban-client --version')
cap status-sshd 'fail2ban-client status sshd'
cap action-port 'fail2ban-client get sshd action iptables-multiport port'
cap iptables-save 'iptables-save -c' root "$(srv_line 'iptables-save --version')"
cap ss 'ss -H -ltnp' root "$(srv_line 'ss -V')"
down

# ---- f2b-gateway-banned --------------------------------------------------------
up f2b-gateway-banned
F2B_V=$(srv_line 'fail2ban-client --version')
cap status-sshd 'fail2ban-client status sshd'
cap banip-with-time 'fail2ban-client get sshd banip --with-time'
cap iptables-save 'iptables-save -c' root "$(srv_line 'iptables-save --version')"
cap auth-log 'cat /var/log/auth.log' root "$(srv_line 'sshd -V 2>&1')"
cap fail2ban-log 'cat /var/log/fail2ban.log'
down

# ---- f2b-ignoreip ------------------------------------------------------------
up f2b-ignoreip
F2B_V=$(srv_line 'fail2ban-client --version')
cap jail-local 'cat /etc/fail2ban/jail.local'
cap ignoreip 'fail2ban-client get sshd ignoreip'
cap2 addignoreip 'fail2ban-client set sshd addignoreip 198.51.100.10'
cap status-sshd 'fail2ban-client status sshd'
down

# ---- f2b-recidive (two jails) ----------------------------------------------------
up f2b-recidive
F2B_V=$(srv_line 'fail2ban-client --version')
cap status 'fail2ban-client status'
cap status-sshd 'fail2ban-client status sshd'
cap status-recidive 'fail2ban-client status recidive'
cap banip-with-time-recidive 'fail2ban-client get recidive banip --with-time'
cap banned 'fail2ban-client banned'
cap banned-ip "fail2ban-client banned $BANNED_IP"
cap logpath-recidive 'fail2ban-client get recidive logpath'
cap bantime-recidive 'fail2ban-client get recidive bantime'
cap iptables-save 'iptables-save -c' root "$(srv_line 'iptables-save --version')"
cap fail2ban-log 'cat /var/log/fail2ban.log'
down

# ---- f2b-journal (backend = systemd) -------------------------------------------
up f2b-journal
F2B_V=$(srv_line 'fail2ban-client --version')
cap status-sshd 'fail2ban-client status sshd'
cap journalmatch 'fail2ban-client get sshd journalmatch'
cap logpath 'fail2ban-client get sshd logpath'
down
