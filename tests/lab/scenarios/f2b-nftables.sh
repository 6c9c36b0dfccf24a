# shellcheck shell=bash
# f2b-nftables: a real Fail2Ban (jail sshd, banaction nftables-multiport) bans the
# client after real failed logins; the ban is an element of the set addr-set-sshd
# in table inet f2b-table (chain f2b-chain: `tcp dport { 22 } ip saddr
# @addr-set-sshd reject`), so the client sees ECONNREFUSED on PORT.
scenario_up() {
    server_up
    f2b_up "$(f2b_jail_text nftables-multiport)"
    f2b_fail_logins 3
    lab_wait 10 "the ban in the nftables set" f2b_nft_has "$(env_get BANNED_IP)"
    lab_env F2B_NFT_TABLE "inet:f2b-table"
    lab_env F2B_NFT_SET addr-set-sshd
    f2b_ban_bites nftables-multiport nftables
}
