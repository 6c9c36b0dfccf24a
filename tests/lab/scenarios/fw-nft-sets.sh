# shellcheck shell=bash
# fw-nft-sets: a hand-written nftables table inet with two base chains on the input
# hook. "early" (priority -10) accepts PORT and the management port for everyone;
# an accept ends only that base chain, so "late" (priority filter + 10) still sees
# the packet: it jumps to ssh_guard, where the client's address is in the named
# interval set blocked_v4 (198.51.100.0/28) / the plain set blocked_v6, and a goto
# reaches ssh_reject: "reject with icmpx type admin-prohibited". The client sees
# EHOSTUNREACH (v4) and EACCES (v6). Sets: ipv4_addr with flags interval holding
# prefixes and ranges, ipv6_addr plain and with intervals, anonymous sets.
scenario_up() {
    server_up
    fw_load server fw-nft-sets.nft nft <<EOF
table inet sst_filter {
    set admin_v4 {
        type ipv4_addr
        flags interval
        elements = { 203.0.113.0/24, 198.51.100.128/25 }
    }
    set blocked_v4 {
        type ipv4_addr
        flags interval
        comment "sst: the client's /28 and a range"
        elements = { 198.51.100.0/28, 198.51.100.40-198.51.100.49, 198.51.100.77 }
    }
    set admin_v6 {
        type ipv6_addr
        flags interval
        elements = { 2001:db8:203::/64, 2001:db8:100::1000-2001:db8:100::1ffe }
    }
    set blocked_v6 {
        type ipv6_addr
        elements = { 2001:db8:100::10, 2001:db8:100::99 }
    }
    chain early {
        type filter hook input priority -10; policy accept;
        ct state established,related accept
        iif "lo" accept
        tcp dport { $PORT, $MGMT_PORT } accept comment "sst: ends this base chain only"
    }
    chain late {
        type filter hook input priority filter + 10; policy accept;
        ct state established,related accept
        tcp dport $MGMT_PORT accept
        ip saddr @admin_v4 accept
        ip6 saddr @admin_v6 accept
        tcp dport $PORT jump ssh_guard
        ip saddr { 198.51.100.200, 198.51.100.201 } drop
    }
    chain ssh_guard {
        ip saddr @blocked_v4 goto ssh_reject
        ip6 saddr @blocked_v6 goto ssh_reject
        ip6 saddr 2001:db8:100::/64 counter drop
    }
    chain ssh_reject {
        counter reject with icmpx type admin-prohibited
    }
}
EOF
    lab_env FIREWALL nft
    lab_env FIREWALL_VERDICT reject:icmpx-admin-prohibited
    lab_env FIREWALL_VERDICT_CHAIN inet/sst_filter/ssh_reject
    lab_env EXPECT_CONNECT EHOSTUNREACH
    lab_env EXPECT_CONNECT6 EACCES
    lab_env EXPECT_SYMPTOM HostUnreachable
    lab_env EXPECT_CAUSE FirewallReject
}
