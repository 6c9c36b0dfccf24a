# shellcheck shell=bash
# reject-admin-prohibited: sshd runs; nftables answers with ICMP type 3 code 13
# (v4) / ICMPv6 type 1 code 1 (v6), "administratively prohibited". Linux turns the
# first into EHOSTUNREACH ("No route to host") and the second into EACCES.
scenario_up() {
    server_up
    host_nft server reject-admin-prohibited <<EOF2
table inet sst_filter {
    chain input {
        type filter hook input priority filter; policy accept;
        meta nfproto ipv4 tcp dport $PORT reject with icmp type admin-prohibited
        meta nfproto ipv6 tcp dport $PORT reject with icmpv6 type admin-prohibited
    }
}
EOF2
    lab_env FIREWALL nft
    lab_env FIREWALL_RULES "$S/server/reject-admin-prohibited.nft"
    lab_env EXPECT_CONNECT EHOSTUNREACH
    lab_env EXPECT_CONNECT6 EACCES
    lab_env EXPECT_SYMPTOM HostUnreachable
    lab_env EXPECT_CAUSE FirewallReject
}
