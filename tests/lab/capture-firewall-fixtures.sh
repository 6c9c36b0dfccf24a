#!/usr/bin/env bash
# Capture firewall parser fixtures from the real tools in the fw-* lab scenarios,
# the way the module's collector reaches them: `ssh -p 2222 -l triage ...
# 'sudo -n sh -s'` from the client namespace, the command on stdin.
#
#   tests/lab/capture-firewall-fixtures.sh [OUTDIR]   default: tests/SshTriage.Core.Tests/Fixtures (~1 min)
#   tests/lab/capture-firewall-fixtures.sh --big N [OUTDIR]
#        only: iptables/big-N.txt and iptables/big-N-legacy.txt, `iptables-save -c` of N
#        generated rules (not kept in the repo: 100,000 rules are 11 MB and take
#        iptables-nft-save ~11 s; the C# tests make their own big input)
#
# Each file: "# command: ...", "# version: ...", "# source: ...", "# exit: N",
# "# ---", then the raw stdout byte for byte. When a command also wrote to stderr
# (iptables-nft's and nft's warnings), that goes to <name>.stderr.txt beside it,
# with the command "<cmd> 2>&1 >/dev/null". Writes iptables/, nft/, ufw/, firewalld/.
set -euo pipefail

# shellcheck source=SCRIPTDIR/capture-lib.sh
. "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/capture-lib.sh"
BIG=
if [[ ${1:-} == --big ]]; then
    BIG=${2:?--big needs a rule count}
    [[ $BIG =~ ^[0-9]+$ ]] || { echo "capture-firewall-fixtures: --big N: N must be a number" >&2; exit 2; }
    shift 2
fi
OUT=${1:-$FIXTURES}
capture_init capture-firewall-fixtures /tmp/sst-fwfixtures /tmp/sst-fwcapture.XXXXXX

# srv_fixture REL COMMAND VERSION [NOTE]: COMMAND's stdout; its stderr, if any, in REL.stderr.txt.
srv_fixture() {
    local rel=$1 cmd=$2 ver=$3 note=${4:-} src
    src="lab scenario $SCENARIO, host $SERVER_HOSTNAME, as $(as_text root)${note:+; $note}"
    run_srv root "$cmd"
    fixture "$rel" "$cmd" "$ver" "$src" "$RC" "$TMP/out"
    if [[ -s $TMP/err ]]; then
        fixture "${rel%.txt}.stderr.txt" "$cmd 2>&1 >/dev/null" "$ver" "$src" "$RC" "$TMP/err"
    fi
}

versions() {
    V_IPT=$(srv_line 'iptables --version')
    V_IPT6=$(srv_line 'ip6tables --version')
    V_LEG=$(srv_line 'iptables-legacy --version')
    V_LEG6=$(srv_line 'ip6tables-legacy --version')
    V_NFT=$(srv_line 'nft --version')
    V_UFW=$(srv_line 'ufw version 2>&1')
}

iptables_fixtures() { # NAME
    srv_fixture "iptables/$1.txt" 'iptables-save -c' "$V_IPT"
    srv_fixture "iptables/$1-v6.txt" 'ip6tables-save -c' "$V_IPT6"
}
legacy_fixtures() { # NAME
    srv_fixture "iptables/$1-legacy.txt" 'iptables-legacy-save -c' "$V_LEG"
    srv_fixture "iptables/$1-legacy-v6.txt" 'ip6tables-legacy-save -c' "$V_LEG6"
}
nft_fixtures() { # NAME [SUFFIX [NOTE]]
    srv_fixture "nft/$1${2:-}.txt" 'nft list ruleset' "$V_NFT" "${3:-}"
    srv_fixture "nft/$1${2:-}-json.txt" 'nft -j list ruleset' "$V_NFT" "${3:-}"
}
ufw_fixtures() { # NAME
    srv_fixture "ufw/$1-status-verbose.txt" 'LANG=C ufw status verbose' "$V_UFW"
    srv_fixture "ufw/$1-status-numbered.txt" 'LANG=C ufw status numbered' "$V_UFW"
}

# Probes from the client (the correlated probe, and traffic so counters are not all 0).
# shellcheck disable=SC2153 # PORT comes from lab.env
probe_n() { # ADDR N [CONNECT_TIMEOUT]
    local i
    for ((i = 0; i < $2; i++)); do
        "$LAB" exec "$S" client -- python3 "$HERE/bin/probe.py" "$1" "$PORT" --first-line \
            --connect-timeout "${3:-2}" --read-timeout 1 >/dev/null 2>&1 &
    done
    wait
}
probe_both() {
    probe_n "$SERVER_ADDR" 1
    probe_n "$SERVER_ADDR6" 1
}

if [[ -n $BIG ]]; then
    up fw-iptables-chains
    versions
    python3 - "$BIG" >"$S/big.rules" <<'EOF'
import sys
n = int(sys.argv[1])
print("*filter")
print(":sst-big - [0:0]")
for i in range(n):
    print(f"-A sst-big -s 203.0.113.{i % 256}/32 -p tcp -m tcp --dport {1024 + i % 60000} "
          f"-m comment --comment \"sst: generated rule {i}\" -j DROP")
print("COMMIT")
EOF
    "$LAB" exec "$S" server -- iptables-restore --noflush "$S/big.rules"
    "$LAB" exec "$S" server -- iptables-legacy-restore "$S/big.rules"
    srv_fixture "iptables/big-$BIG.txt" 'iptables-save -c' "$V_IPT" "fw-iptables-chains plus $BIG generated rules in chain sst-big"
    srv_fixture "iptables/big-$BIG-legacy.txt" 'iptables-legacy-save -c' "$V_LEG" "$BIG generated rules in chain sst-big"
    down
    exit 0
fi

# ---- iptables (nft backend) -------------------------------------------------------
up fw-iptables-chains
versions
probe_both
iptables_fixtures fw-iptables-chains
nft_fixtures fw-iptables-chains
# No legacy tables in this namespace: the legacy tools print nothing.
legacy_fixtures fw-iptables-chains
if command -v firewall-cmd >/dev/null; then
    # firewall-cmd without a running firewalld and without a system bus in this server.
    srv_fixture firewalld/no-dbus-state.txt 'firewall-cmd --state' "firewalld $(srv_line "dpkg-query -W -f='\${Version}' firewalld")" \
        "firewalld installed, no system bus (no dbus-daemon)"
fi
down

up fw-iptables-policy-drop
versions
probe_both
iptables_fixtures fw-iptables-policy-drop
nft_fixtures fw-iptables-policy-drop
down

up fw-legacy-split
versions
probe_both
iptables_fixtures fw-legacy-split
legacy_fixtures fw-legacy-split
nft_fixtures fw-legacy-split
down

up fw-docker-style
versions
probe_both
iptables_fixtures fw-docker-style
nft_fixtures fw-docker-style
down

# ---- nftables ---------------------------------------------------------------------
up fw-nft-sets
versions
probe_both
nft_fixtures fw-nft-sets
# Only an inet table: the iptables-nft view is empty.
iptables_fixtures fw-nft-sets
down

up fw-nft-counter
versions
nft_fixtures fw-nft-counter -before "before 3 probes of $SERVER_ADDR:$PORT (2 s connect timeout each, in parallel)"
probe_n "$SERVER_ADDR" 3 2
nft_fixtures fw-nft-counter -after "after 3 probes of $SERVER_ADDR:$PORT (2 s connect timeout each, in parallel)"
down

# ---- ufw --------------------------------------------------------------------------
up fw-ufw-deny
versions
probe_both
ufw_fixtures fw-ufw-deny
iptables_fixtures fw-ufw-deny
nft_fixtures fw-ufw-deny
down

up fw-ufw-limit
versions
# The scenario's burst (5 per family) is done: one more probe each is refused.
probe_both
ufw_fixtures fw-ufw-limit
srv_fixture ufw/fw-ufw-limit-xt-recent.txt 'cat /proc/net/xt_recent/DEFAULT' "$V_UFW" \
    "xt_recent list of ufw limit (one list for IPv4 and IPv6), after the burst and one refused probe per family"
iptables_fixtures fw-ufw-limit
nft_fixtures fw-ufw-limit
down

up fw-ufw-allow
versions
probe_both
ufw_fixtures fw-ufw-allow
iptables_fixtures fw-ufw-allow
nft_fixtures fw-ufw-allow
run_srv root "LANG=C TMPDIR=$UFW_DIR/tmp ufw disable"
srv_fixture ufw/inactive-status-verbose.txt 'LANG=C ufw status verbose' "$V_UFW" "after ufw disable"
down

# ---- firewalld --------------------------------------------------------------------
if command -v firewalld >/dev/null; then
    up fw-firewalld
    versions
    probe_both
    V_FWD="firewalld $(srv_line "dpkg-query -W -f='\${Version}' firewalld")"
    srv_fixture firewalld/fw-firewalld-state.txt 'firewall-cmd --state' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-default-zone.txt 'firewall-cmd --get-default-zone' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-active-zones.txt 'firewall-cmd --get-active-zones' "$V_FWD" "eth0 bound to zone public in its XML"
    srv_fixture firewalld/fw-firewalld-list-all.txt 'firewall-cmd --list-all' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-list-all-permanent.txt 'firewall-cmd --permanent --list-all' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-list-all-zones.txt 'firewall-cmd --list-all-zones' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-rich-rules.txt 'firewall-cmd --list-rich-rules' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-direct.txt 'firewall-cmd --direct --get-all-rules' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-policies.txt 'firewall-cmd --list-all-policies' "$V_FWD"
    srv_fixture firewalld/fw-firewalld-conf.txt 'grep -v "^#" /etc/firewalld/firewalld.conf | grep .' "$V_FWD"
    nft_fixtures fw-firewalld
    iptables_fixtures fw-firewalld
    # firewalld stopped (the lab's own process, by its pid), the system bus still up.
    kill -TERM "$FIREWALLD_PID"
    for _ in $(seq 50); do
        [[ -d /proc/$FIREWALLD_PID ]] || break
        sleep 0.1
    done
    srv_fixture firewalld/not-running-state.txt 'firewall-cmd --state' "$V_FWD" "firewalld stopped, system bus running"
    srv_fixture nft/fw-firewalld-stopped.txt 'nft list ruleset' "$V_NFT" "after firewalld stopped (CleanupOnExit=yes)"
    down
else
    echo "capture-firewall-fixtures: firewalld not installed: no firewalld/ fixtures" >&2
fi
