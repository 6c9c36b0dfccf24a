# shellcheck shell=bash
# fw-legacy-split: the "iptables backend split". iptables-nft (what `iptables`
# runs on Debian 12, and what `nft list ruleset` shows) ACCEPTs PORT; iptables-legacy
# (x_tables, invisible to nft) DROPs it. A packet must pass both sets of hooks: the
# legacy DROP wins and the client times out (v4 and v6). iptables-nft prints
# "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them"
# on stderr.
nft_backend_rules() {
    fw_filter_table \
        "-A INPUT -p tcp -m tcp --dport $PORT -m comment --comment \"sst: ssh allowed\" -j ACCEPT" \
        "-A INPUT -p tcp -m tcp --dport $MGMT_PORT -m comment --comment \"sst: management sshd\" -j ACCEPT"
}

legacy_backend_rules() {
    fw_filter_table "-A INPUT -p tcp -m tcp --dport $PORT -m comment --comment \"sst: old legacy rule\" -j DROP"
}

scenario_up() {
    server_up
    fw_load_both server fw-legacy-split.nft iptables-restore nft_backend_rules
    fw_load_both server fw-legacy-split.legacy iptables-legacy-restore legacy_backend_rules
    lab_env FIREWALL iptables-nft,iptables-legacy
    lab_env FIREWALL_VERDICT drop
    lab_env FIREWALL_VERDICT_CHAIN legacy:filter/INPUT
    lab_env EXPECT_CONNECT timeout
    lab_env EXPECT_CONNECT6 timeout
    lab_env EXPECT_SYMPTOM TimedOut
    lab_env EXPECT_CAUSE IptablesBackendSplit
}
