# shellcheck shell=bash
# reject-admin-prohibited: sshd runs; nftables answers with ICMP type 3 code 13
# (v4) / ICMPv6 type 1 code 1 (v6), "administratively prohibited". Linux turns the
# first into EHOSTUNREACH ("No route to host") and the second into EACCES.
scenario_up() {
    server_up
    server_nft_input reject-admin-prohibited \
        "meta nfproto ipv4 tcp dport $PORT reject with icmp type admin-prohibited" \
        "meta nfproto ipv6 tcp dport $PORT reject with icmpv6 type admin-prohibited"
    lab_env EXPECT_CONNECT EHOSTUNREACH
    lab_env EXPECT_CONNECT6 EACCES
    lab_env EXPECT_SYMPTOM HostUnreachable
    lab_env EXPECT_CAUSE FirewallReject
}
