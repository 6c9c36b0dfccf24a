# shellcheck shell=bash
# Topology building blocks: lab hosts are network namespaces named
# "<lab id>-<short role>", joined by veth pairs whose two ends are created
# directly inside lab namespaces (nothing is ever added to the root namespace).
#
# Address plan (documentation ranges only):
#   198.51.100.0/24  2001:db8:100::/64  client side (client .10/::10, server .20/::20 when direct,
#                                        gateway .1/::1 when routed)
#   203.0.113.0/24   2001:db8:203::/64  server side behind a gateway (gateway .1/::1, server .20/::20,
#                                        proxy .30/::30, management host .40/::40 reserved)

ns_name() {
    case $1 in
        client) printf '%s-cli' "$LAB_ID" ;;
        server) printf '%s-srv' "$LAB_ID" ;;
        gateway) printf '%s-gw' "$LAB_ID" ;;
        proxy) printf '%s-prx' "$LAB_ID" ;;
        mgmt) printf '%s-mgt' "$LAB_ID" ;;
        *) die "unknown lab role: $1" ;;
    esac
}

# in_ns ROLE CMD...: run CMD in the role's network namespace only (no mount ns).
# nsenter rather than `ip netns exec`: it does not remount /sys, so it is cheap.
in_ns() {
    local role=$1
    shift
    nsenter --net="/run/netns/$(ns_name "$role")" -- "$@"
}

# topo_host ROLE: a new namespace with lo up and DAD off, so IPv6 addresses are
# usable the moment they are added (no 1-2 s "tentative" window). The kernel's
# per-destination ICMP error rate limit (v4: burst 6, then 1/s; v6: 10/s) is
# switched off unless LAB_ICMP_RATELIMIT=kernel: otherwise the 7th quick probe of
# a REJECT scenario from the same client would time out instead of failing.
topo_host() {
    local role=$1 ns
    ns=$(ns_name "$role")
    ip netns add "$ns"
    printf '%s\n' "$ns" >"$S/ns/$role"
    in_ns "$role" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    if [[ ${LAB_ICMP_RATELIMIT:-off} != kernel ]]; then
        in_ns "$role" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
    fi
    in_ns "$role" ip link set lo up
}

# topo_link ROLE_A IF_A ROLE_B IF_B: a veth pair with one end in each namespace.
topo_link() {
    local a=$1 ifa=$2 b=$3 ifb=$4
    ip link add "$ifa" netns "$(ns_name "$a")" type veth peer name "$ifb" netns "$(ns_name "$b")"
    in_ns "$a" ip link set "$ifa" up
    in_ns "$b" ip link set "$ifb" up
}

# topo_wire ROLE_A IF_A ROLE_B IF_B: like topo_link but through bin/wire.py, a
# TAP pair with a userspace relay that adds LAB_LINK_DELAY_MS (default 1 ms) each
# way. Used on the client's link: with a zero-latency veth the kernel drops the
# ICMP error that answers a SYN (the socket is still locked inside connect()),
# so REJECTs with ICMP would look like timeouts for ~1 s. See bin/wire.py.
topo_wire() {
    local a=$1 ifa=$2 b=$3 ifb=$4 name="wire-$1-$3" ready="$S/run/wire-$1-$3.ready"
    lab_spawn "$name" "$LAB_PYTHON" "$LAB_DIR/bin/wire.py" \
        --a "/run/netns/$(ns_name "$a")" "$ifa" --b "/run/netns/$(ns_name "$b")" "$ifb" \
        --delay-ms "${LAB_LINK_DELAY_MS:-1}" --ready "$ready"
    lab_wait 10 "the $a-$b wire" test -f "$ready"
    in_ns "$a" ip link set "$ifa" up
    in_ns "$b" ip link set "$ifb" up
    lab_env LINK_DELAY_MS "${LAB_LINK_DELAY_MS:-1}"
}

# topo_addr ROLE IF CIDR...: v6 addresses get nodad (belt and braces with accept_dad=0).
topo_addr() {
    local role=$1 dev=$2 cidr
    shift 2
    for cidr in "$@"; do
        if [[ $cidr == *:* ]]; then
            in_ns "$role" ip -6 addr add "$cidr" dev "$dev" nodad
        else
            in_ns "$role" ip addr add "$cidr" dev "$dev"
        fi
    done
}

# topo_route ROLE DEST VIA: specific routes only; no lab namespace gets a default
# route, so nothing can even try to leave the lab.
topo_route() {
    in_ns "$1" ip route add "$2" via "$3"
}

topo_forwarding() {
    in_ns "$1" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

no_tentative() {
    [[ -z $(in_ns "$1" ip -6 addr show tentative) ]]
}

# Wait until every namespace's v6 addresses are usable (bounded).
topo_settle() {
    local f role
    for f in "$S"/ns/*; do
        role=${f##*/}
        [[ $role == *.* ]] && continue
        lab_wait 5 "IPv6 addresses in $role to leave tentative state" no_tentative "$role"
    done
}

# topo_ends_env SERVER_ADDR SERVER_ADDR6: the lab.env keys of the two ends every topology
# has: the client's and the server's namespaces and addresses (the client's are always the same).
topo_ends_env() {
    lab_env CLIENT_NS "$(ns_name client)"
    lab_env SERVER_NS "$(ns_name server)"
    lab_env CLIENT_ADDR 198.51.100.10
    lab_env CLIENT_ADDR6 2001:db8:100::10
    lab_env SERVER_ADDR "$1"
    lab_env SERVER_ADDR6 "$2"
}

# Client and server on one link: what most scenarios need.
topo_base() {
    topo_host client
    topo_host server
    topo_wire client eth0 server eth0
    topo_addr client eth0 198.51.100.10/24 2001:db8:100::10/64
    topo_addr server eth0 198.51.100.20/24 2001:db8:100::20/64
    topo_settle
    topo_ends_env 198.51.100.20 2001:db8:100::20
    lab_env VISIBLE_SOURCE_ADDR 198.51.100.10
    lab_env VISIBLE_SOURCE_ADDR6 2001:db8:100::10
}

# topo_masquerade: the gateway of topo_gateway rewrites what it forwards to the
# server's side to its own address (203.0.113.1, 2001:db8:203::1).
topo_masquerade() {
    in_ns gateway nft -f - <<'EOF'
table inet sst_nat {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "s0" masquerade
    }
}
EOF
}

# topo_gateway [nat]: client -- gateway -- server. With "nat" the gateway
# masquerades, so the server sees the gateway's address (203.0.113.1), the
# "shared VPN/NAT address" case of the seeds.
topo_gateway() {
    local nat=${1:-}
    topo_host client
    topo_host gateway
    topo_host server
    topo_wire client eth0 gateway c0
    topo_link gateway s0 server eth0
    topo_addr client eth0 198.51.100.10/24 2001:db8:100::10/64
    topo_addr gateway c0 198.51.100.1/24 2001:db8:100::1/64
    topo_addr gateway s0 203.0.113.1/24 2001:db8:203::1/64
    topo_addr server eth0 203.0.113.20/24 2001:db8:203::20/64
    topo_forwarding gateway
    topo_route client 203.0.113.0/24 198.51.100.1
    topo_route client 2001:db8:203::/64 2001:db8:100::1
    topo_route server 198.51.100.0/24 203.0.113.1
    topo_route server 2001:db8:100::/64 2001:db8:203::1
    if [[ $nat == nat ]]; then
        topo_masquerade
        lab_env VISIBLE_SOURCE_ADDR 203.0.113.1
        lab_env VISIBLE_SOURCE_ADDR6 2001:db8:203::1
    else
        lab_env VISIBLE_SOURCE_ADDR 198.51.100.10
        lab_env VISIBLE_SOURCE_ADDR6 2001:db8:100::10
    fi
    topo_settle
    topo_ends_env 203.0.113.20 2001:db8:203::20
    lab_env GATEWAY_NS "$(ns_name gateway)"
    lab_env GATEWAY_ADDR 203.0.113.1
    lab_env GATEWAY_ADDR6 2001:db8:203::1
}
