# shellcheck shell=bash
# Firewall building blocks for the fw-* scenarios: rule sets loaded with the real
# tools (iptables-nft, iptables-legacy, nft, ufw, firewalld) inside the lab server.
#
# Every command runs inside the server host (host_exec: its network namespace AND
# its private mount namespace), never with a bare network namespace: iptables-legacy
# takes /run/xtables.lock, ufw its /run/ufw.lock, firewalld /run/firewalld and the
# D-Bus socket, and the server's /run is the lab's tmpfs copy (lib/host.sh).
#
#   fw_load ROLE NAME TOOL <rules     load rules with TOOL (iptables-restore, ip6tables-restore,
#                                      iptables-legacy-restore, ip6tables-legacy-restore, nft),
#                                      keep <statedir>/ROLE/fw/NAME and append it to FIREWALL_RULES
#   fw_filter_table [LINE...]         an iptables-save filter table (chains accept) holding LINEs
#   fw_expect_drop VERDICT CHAIN      lab.env keys of a drop on PORT (both families time out)
#   ufw_up                            lab-owned /etc/ufw, /lib/ufw, /etc/default/ufw in the server
#   ufw_cmd ARGS...                   run ufw there (LANG=C, TMPDIR in the state dir)
#   firewalld_up [- <public.xml]      a private system D-Bus and firewalld (nftables backend)
#   firewall_cmd ARGS...              firewall-cmd against it

FW_TOOLS_RE='^(iptables-restore|ip6tables-restore|iptables-legacy-restore|ip6tables-legacy-restore|nft)$'

fw_exec() {
    local role=$1
    shift
    if [[ -f $S/ns/$role.holder ]]; then
        host_exec "$role" "$@"
    else
        # A host without a mount namespace: keep xtables' lock file in the state dir.
        XTABLES_LOCKFILE="$S/run/xtables-$role.lock" in_ns "$role" "$@"
    fi
}

# fw_private_run: the server's /run is a tmpfs copy whose entries are bind mounts
# of the real ones (lib/host.sh shadow_dir). Every /run path the firewall tools
# write (dbus/, firewalld/, ufw.lock, xtables.lock) that exists on the machine is
# therefore covered with a lab-owned one first, so nothing reaches the real /run;
# one that does not exist is created in the tmpfs. Idempotent.
fw_private_run() {
    local d="$S/server/fw-run"
    [[ -f $d/.done ]] && return 0
    mkdir -p "$d/dbus" "$d/firewalld"
    : >"$d/ufw.lock"
    : >"$d/xtables.lock"
    chmod 0755 "$d/dbus"
    chmod 0750 "$d/firewalld"
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    host_exec server bash -euc '
        d=$1
        [[ $(findmnt -n -o SOURCE,FSTYPE /run) == "sst-lab tmpfs" ]] || { echo "/run is not the lab tmpfs" >&2; exit 1; }
        same() { [[ $(stat -c %d:%i -- "$1") == "$(stat -c %d:%i -- "$2")" ]] || { echo "$2 is not $1" >&2; exit 1; }; }
        for e in dbus firewalld; do
            [[ -e /run/$e ]] || mkdir -m 0755 "/run/$e"
            mount --bind -- "$d/$e" "/run/$e"
            same "$d/$e" "/run/$e"
        done
        for e in ufw.lock xtables.lock; do
            [[ -e /run/$e ]] || : >"/run/$e"
            mount --bind -- "$d/$e" "/run/$e"
            same "$d/$e" "/run/$e"
        done
    ' _ "$d" || die "could not give the server private /run/{dbus,firewalld,ufw.lock,xtables.lock}"
    : >"$d/.done"
}

# fw_load ROLE NAME TOOL: rules from stdin, saved as <statedir>/ROLE/fw/NAME and
# loaded with TOOL (iptables-restore & co. replace the tables they name; nft -f adds).
# <statedir>/ROLE/firewall.rules collects every piece in load order, each after a
# "# sst: <tool> < <file>" line (a comment for iptables-restore and nft alike);
# FIREWALL_RULES points at it.
fw_load() {
    local role=$1 name=$2 tool=$3 dir="$S/$1/fw" all="$S/$1/firewall.rules"
    [[ $tool =~ $FW_TOOLS_RE ]] || die "fw_load: unknown tool $tool"
    mkdir -p "$dir"
    cat >"$dir/$name"
    if [[ $role == server ]]; then fw_private_run; fi
    case $tool in
        nft) fw_exec "$role" nft -f "$dir/$name" || die "nft -f rejected $dir/$name" ;;
        *) fw_exec "$role" "$tool" <"$dir/$name" || die "$tool rejected $dir/$name" ;;
    esac
    {
        printf '# sst: %s < %s\n' "$tool" "$dir/$name"
        cat -- "$dir/$name"
    } >>"$all"
    lab_env FIREWALL_RULES "$all"
}

# fw_load_both ROLE NAME TOOL RULES_FN: one iptables ruleset for both families. RULES_FN prints
# iptables-save text once per family, written with the variables set here: FW_FAMILY (4 or 6),
# CLIENT_NET, CLIENT_HOST, ADMIN_NET, LOOPBACK_NET, ICMP_PROTO and PORT_UNREACHABLE. TOOL is
# iptables-restore or iptables-legacy-restore; NAME.v4 and NAME.v6 are the files loaded.
fw_load_both() {
    local role=$1 name=$2 tool=$3 rules=$4
    FW_FAMILY=4 CLIENT_NET=198.51.100.0/24 CLIENT_HOST=198.51.100.10/32 ADMIN_NET=203.0.113.0/24 \
        LOOPBACK_NET=127.0.0.0/8 ICMP_PROTO=icmp PORT_UNREACHABLE=icmp-port-unreachable \
        "$rules" | fw_load "$role" "$name.v4" "$tool"
    FW_FAMILY=6 CLIENT_NET=2001:db8:100::/64 CLIENT_HOST=2001:db8:100::10/128 ADMIN_NET=2001:db8:203::/64 \
        LOOPBACK_NET=::1/128 ICMP_PROTO=ipv6-icmp PORT_UNREACHABLE=icmp6-port-unreachable \
        "$rules" | fw_load "$role" "$name.v6" "ip6${tool#ip}"
}

# fw_expect_drop VERDICT CHAIN: the lab.env keys of a firewall that drops PORT for both
# families: the verdict and chain the module must name, and a client that times out (one place
# for what every FirewallDrop scenario expects).
fw_expect_drop() {
    lab_env FIREWALL_VERDICT "$1"
    lab_env FIREWALL_VERDICT_CHAIN "$2"
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE FirewallDrop
}

# fw_filter_table [LINE...]: iptables-save text of a filter table whose built-in chains accept,
# holding the LINEs (chain declarations first, then rules), for fw_load or a fw_load_both
# rules function: the header and COMMIT every such scenario would otherwise write out.
fw_filter_table() {
    printf '%s\n' '*filter' ':INPUT ACCEPT [0:0]' ':FORWARD ACCEPT [0:0]' ':OUTPUT ACCEPT [0:0]' "$@" COMMIT
}

# fw_probe_burst ADDR PORT N: N banner probes from the client (the ufw limit burst).
fw_probe_burst() {
    local addr=$1 port=$2 n=$3 i
    for ((i = 0; i < n; i++)); do
        in_ns client "$LAB_PYTHON" "$LAB_DIR/bin/probe.py" "$addr" "$port" --first-line \
            --connect-timeout 2 --read-timeout 2 >>"$S/log/fw-probe.log" 2>&1 || true
    done
}

# ---- ufw ---------------------------------------------------------------------
# ufw reads and writes fixed paths: /etc/ufw (rules, ufw.conf), /etc/default/ufw
# (policies), /lib/ufw (ufw-init), /run/ufw.lock, and mkstemp() in $TMPDIR. The
# server gets lab-owned copies bind-mounted over the first three (its mount
# namespace only); /run is the lab's tmpfs; TMPDIR is in the state dir.

ufw_dir() {
    printf '%s' "$S/server/ufw"
}

ufw_up() {
    local d share=/usr/share/ufw f
    d=$(ufw_dir)
    [[ -x /usr/sbin/ufw && -d $share && -d /etc/ufw && -d /lib/ufw && -f /etc/default/ufw ]] ||
        die "ufw is not installed (Debian package ufw)"
    mkdir -p "$d/etc/applications.d" "$d/tmp"
    chmod 0700 "$d/tmp"
    # The package's pristine templates, not whatever the machine's /etc/ufw holds now.
    for f in before.rules before6.rules after.rules after6.rules user.rules user6.rules before.init after.init; do
        [[ -f $share/$f ]] || die "ufw: $share/$f missing"
        cp -- "$share/$f" "$d/etc/$f"
    done
    cp -- "$share/ufw.conf" "$d/etc/ufw.conf"
    cp -a /etc/ufw/applications.d/. "$d/etc/applications.d/"
    # Debian's sysctl.conf for ufw: net.* keys only, per network namespace.
    cat >"$d/etc/sysctl.conf" <<'EOF'
# sst lab: the keys of Debian's /etc/ufw/sysctl.conf (all per network namespace)
net/ipv4/conf/all/accept_redirects=0
net/ipv4/conf/default/accept_redirects=0
net/ipv6/conf/all/accept_redirects=0
net/ipv6/conf/default/accept_redirects=0
net/ipv4/icmp_echo_ignore_broadcasts=1
net/ipv4/icmp_ignore_bogus_error_responses=1
net/ipv4/icmp_echo_ignore_all=0
net/ipv4/conf/all/log_martians=0
net/ipv4/conf/default/log_martians=0
EOF
    chmod 0640 "$d"/etc/*.rules "$d"/etc/*.init
    chmod 0644 "$d/etc/ufw.conf" "$d/etc/sysctl.conf"
    # Debian 12's /etc/default/ufw (no kernel modules to load: IPT_MODULES empty).
    cat >"$d/default" <<'EOF'
# sst lab: /etc/default/ufw of the lab server (Debian 12 defaults)
IPV6=yes
DEFAULT_INPUT_POLICY="DROP"
DEFAULT_OUTPUT_POLICY="ACCEPT"
DEFAULT_FORWARD_POLICY="DROP"
DEFAULT_APPLICATION_POLICY="SKIP"
MANAGE_BUILTINS=no
IPT_SYSCTL=/etc/ufw/sysctl.conf
IPT_MODULES=""
EOF
    chmod 0644 "$d/default"
    mkdir -p "$d/lib"
    cp -a /lib/ufw/. "$d/lib/"
    fw_private_run
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    host_exec server bash -euc '
        d=$1
        mount --bind -- "$d/etc" /etc/ufw
        mount --bind -- "$d/lib" /lib/ufw
        mount --bind -- "$d/default" /etc/default/ufw
        same() { [[ $(stat -L -c %d:%i -- "$1") == "$(stat -L -c %d:%i -- "$2")" ]] || { echo "$2 is not $1" >&2; exit 1; }; }
        same "$d/etc" /etc/ufw
        same "$d/lib" /lib/ufw
        same "$d/default" /etc/default/ufw
    ' _ "$d" || die "could not put the lab's ufw files at /etc/ufw, /lib/ufw, /etc/default/ufw in the server"
    lab_env UFW_DIR "$d"
    lab_env UFW_VERSION "$(ufw_cmd version 2>/dev/null | sed -n 's/^ufw \([0-9.]*\).*/\1/p' | head -n1)"
}

# ufw_cmd ARGS...: ufw in the server; output also goes to log/ufw.log.
ufw_cmd() {
    local d
    d=$(ufw_dir)
    host_exec server env LANG=C LC_ALL=C TMPDIR="$d/tmp" /usr/sbin/ufw "$@" 2>&1 | tee -a "$S/log/ufw.log"
    return "${PIPESTATUS[0]}"
}

# ufw_setup CMD...: each argument one ufw command line (word-split), run in order and
# recorded in <statedir>/server/ufw/commands (FIREWALL_RULES), e.g.
#   ufw_setup 'default deny incoming' 'allow 2222/tcp comment management' '--force enable'
ufw_setup() {
    local d line
    d=$(ufw_dir)
    for line in "$@"; do
        printf 'ufw %s\n' "$line" >>"$d/commands"
        # shellcheck disable=SC2086 # one ufw command line, split into words on purpose
        ufw_cmd $line >/dev/null || die "ufw $line failed: $(tail -n 3 "$S/log/ufw.log")"
    done
    lab_env FIREWALL_RULES "$d/commands"
}

# ---- firewalld -----------------------------------------------------------------
# firewalld is a D-Bus service. Without systemd or a system bus on the machine, the
# lab runs its own dbus-daemon (system bus, root only, no service activation, no
# syslog) on /run/dbus/system_bus_socket, /run/dbus being a lab directory in the
# server (fw_private_run: the machine's /run/dbus exists and must not be used), then
# firewalld --nofork --nopid with the lab's /etc/firewalld bind-mounted. Without
# polkit on that bus firewalld authorises callers by uid 0 (its documented fallback).

firewalld_dir() {
    printf '%s' "$S/server/firewalld"
}

firewalld_running() {
    [[ $(host_exec server firewall-cmd --state 2>/dev/null) == running ]]
}

# firewalld_up [-]: with "-", stdin is the public zone's XML (etc/zones/public.xml).
firewalld_up() {
    local d
    d=$(firewalld_dir)
    { command -v firewalld && command -v firewall-cmd; } >/dev/null ||
        die "firewalld is not installed (apt-get install firewalld; nothing starts it outside the lab)"
    command -v dbus-daemon >/dev/null || die "dbus-daemon is not installed"
    mkdir -p "$d/etc"/{zones,services,icmptypes,ipsets,helpers,policies}
    # The package's firewalld.conf (defaults: zone public, nftables backend).
    cp -- /etc/firewalld/firewalld.conf "$d/etc/firewalld.conf"
    cp -- /etc/firewalld/lockdown-whitelist.xml "$d/etc/lockdown-whitelist.xml"
    if [[ ${1:-} == - ]]; then
        cat >"$d/etc/zones/public.xml"
    fi
    chmod 0750 "$d/etc"
    cat >"$d/bus.conf" <<'EOF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<!-- sst lab: the lab server's system bus, for firewalld only. Root only, no
     service activation (no servicedir), no syslog. -->
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <deny user="*"/>
    <allow user="root"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
EOF
    fw_private_run
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    host_exec server bash -euc '
        d=$1
        mount --bind -- "$d/etc" /etc/firewalld
        [[ $(stat -c %d:%i -- "$d/etc") == "$(stat -c %d:%i /etc/firewalld)" ]] || { echo "/etc/firewalld is not the lab copy" >&2; exit 1; }
    ' _ "$d" || die "could not put the lab's /etc/firewalld in the server"
    host_spawn firewalld-dbus server dbus-daemon --config-file="$d/bus.conf" --nofork --nopidfile
    lab_wait 10 "the server's system bus" host_exec server test -S /run/dbus/system_bus_socket
    host_spawn firewalld server firewalld --nofork --nopid --log-target=console
    lab_wait 30 "firewalld to run" firewalld_running
    lab_env FIREWALLD_CONF_DIR "$d/etc"
    lab_env FIREWALLD_PID "$(lab_pid firewalld)"
    lab_env FIREWALLD_DBUS_PID "$(lab_pid firewalld-dbus)"
    lab_env FIREWALLD_VERSION "$(host_exec server firewall-cmd --version 2>/dev/null)"
    lab_env FIREWALLD_ZONE "$(host_exec server firewall-cmd --get-default-zone 2>/dev/null)"
}

# firewall_cmd ARGS...: firewall-cmd in the server; output also goes to log/firewall-cmd.log.
firewall_cmd() {
    host_exec server firewall-cmd "$@" 2>&1 | tee -a "$S/log/firewall-cmd.log"
    return "${PIPESTATUS[0]}"
}
