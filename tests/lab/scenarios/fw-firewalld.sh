# shellcheck shell=bash
# fw-firewalld: firewalld 1.3 (nftables backend) with its own system D-Bus in the
# lab server (lib/firewall.sh). Zone public (the default zone, bound to eth0):
# permanent config without the ssh service, with 2222/tcp (the management sshd) and
# a rich rule accepting ssh from the admin net 203.0.113.0/24 only; runtime adds
# http (runtime differs from permanent). The client's SYN to PORT reaches the end
# of the zone: "reject with icmpx admin-prohibited": EHOSTUNREACH (v4), EACCES (v6).
scenario_up() {
    server_up
    firewalld_up - <<EOF
<?xml version="1.0" encoding="utf-8"?>
<zone>
  <short>Public</short>
  <description>sst lab: no ssh service; management sshd on $MGMT_PORT/tcp; ssh only for the admin net.</description>
  <interface name="eth0"/>
  <service name="dhcpv6-client"/>
  <port port="$MGMT_PORT" protocol="tcp"/>
  <rule family="ipv4">
    <source address="203.0.113.0/24"/>
    <service name="ssh"/>
    <accept/>
  </rule>
  <forward/>
</zone>
EOF
    firewall_cmd --zone=public --add-service=http >/dev/null || die "firewall-cmd --add-service=http failed"
    lab_env FIREWALL firewalld
    lab_env FIREWALL_RULES "$(firewalld_dir)/etc/zones/public.xml"
    lab_env FIREWALL_VERDICT reject:icmpx-admin-prohibited
    lab_env FIREWALL_VERDICT_CHAIN inet/firewalld/filter_INPUT
    lab_env EXPECT_CONNECT EHOSTUNREACH
    lab_env EXPECT_CONNECT6 EACCES
    lab_env EXPECT_SYMPTOM HostUnreachable
    lab_env EXPECT_CAUSE FirewallReject
}
