# shellcheck shell=bash
# upstream-filter: client -> routed gateway (no NAT) -> server. sshd runs on
# PORT and the server has no firewall at all; the GATEWAY drops forwarded TCP to
# PORT (nftables, forward hook, with a counter), like a cloud security group or a
# network firewall, so the client times out and the server never sees a SYN
# (nothing in its auth.log or ruleset explains it). The management sshd on the
# server (2222) is forwarded as usual. The gateway runs a management sshd of its
# own on 2222 (mgmt_sshd_up gateway: root with CLIENT_KEY, GATEWAY_MGMT_* keys),
# so a tool can read the hop's firewall over SSH.
scenario_up() {
    topo_gateway
    server_host_up
    mgmt_sshd_up
    mgmt_sshd_up gateway
    sshd_start main "$PORT"
    host_nft_chain gateway upstream-filter forward "tcp dport $PORT counter drop comment \"sst: upstream filter\""
    lab_env GATEWAY_FIREWALL nft
    lab_env GATEWAY_FIREWALL_RULES "$S/gateway/upstream-filter.nft"
    lab_env GATEWAY_FIREWALL_VERDICT drop
    lab_env GATEWAY_FIREWALL_VERDICT_CHAIN inet/sst_filter/forward
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE UpstreamFilter
}
