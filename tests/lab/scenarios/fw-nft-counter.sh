# shellcheck shell=bash
# fw-nft-counter: nftables drops PORT from the client's nets, with counters: a
# named counter object (ssh_drops, v4) and anonymous counters, so the packet counts
# move when the client probes (the correlated probe: `nft -j list ruleset` before
# and after a few probes). A drop counts every SYN, retransmissions included (a
# 2 s connect timeout is 2 SYNs). The client times out (v4 and v6).
scenario_up() {
    server_up
    fw_load server fw-nft-counter.nft nft <<EOF
table inet sst_filter {
    counter ssh_drops {
        comment "sst: IPv4 SYNs to $PORT from the client net"
    }
    chain input {
        type filter hook input priority filter; policy accept;
        ct state established,related counter accept
        iif "lo" accept
        tcp dport $MGMT_PORT counter accept comment "sst: management sshd"
        tcp dport 80 counter drop comment "sst: never probed"
        ip saddr 198.51.100.0/24 tcp dport $PORT counter name "ssh_drops" drop
        ip6 saddr 2001:db8:100::/64 tcp dport $PORT counter drop comment "sst: IPv6 client net"
    }
}
EOF
    lab_env FIREWALL nft
    lab_env NFT_COUNTER_NAME ssh_drops
    fw_expect_drop drop inet/sst_filter/input
}
