# shellcheck shell=bash
# drop-all ("SSH is down for everyone"): sshd runs on PORT, but nftables on the
# server drops TCP to PORT from every source (with a counter), and there is NO
# management sshd: no SSH way in at all. The only access is a console:
# `lab.sh exec <statedir> server -- sh ...` (as the exported collector is run by
# hand). The client times out (v4 and v6); MGMT_PORT is not set.
scenario_up() {
    topo_base
    server_host_up
    sshd_start main "$PORT"
    server_nft_input drop-all "tcp dport $PORT counter drop comment \"sst: ssh dropped for everyone\""
    lab_env SERVER_ACCESS console
    fw_expect_drop drop inet/sst_filter/input
}
