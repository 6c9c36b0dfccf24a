using System;

namespace SshTriage.Firewall
{
    /// <summary>
    /// What a client sees when a firewall rejects its connection, from the rule's reject type in
    /// nft's words (tcp reset, icmpx admin-prohibited, ...) or iptables' (--reject-with tcp-reset,
    /// icmp-host-prohibited, icmp6-adm-prohibited, ...). The mapping follows the Linux kernel:
    /// which ICMP code the rule sends, and which errno the client's connect() then returns.
    /// </summary>
    public static class RejectSymptom
    {
        /// <summary>
        /// The symptom of a reject; null or empty is the default of both tools (port-unreachable,
        /// so Refused). For nft's <c>icmpx no-route</c>, which differs by family, this assumes IPv6.
        /// </summary>
        public static SshPortStatus SymptomOf(string? rejectWith) => SymptomOf(rejectWith, ipv6: true);

        /// <summary>The symptom of a reject answering an IPv4 or an IPv6 client.</summary>
        public static SshPortStatus SymptomOf(string? rejectWith, bool ipv6)
        {
            if (string.IsNullOrWhiteSpace(rejectWith))
            {
                return SshPortStatus.Refused;
            }

            var text = rejectWith!.Trim().ToLowerInvariant();
            var icmpx = false;
            foreach (var prefix in new[] { "reject ", "with ", "--reject-with ", "icmpx ", "icmpv6 ", "icmp6 ", "icmp ", "type ", "icmp6-", "icmp-" })
            {
                if (text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    icmpx |= prefix == "icmpx ";
                    text = text.Substring(prefix.Length);
                }
            }

            switch (text)
            {
                case "tcp reset":
                case "tcp-reset":
                case "port-unreachable":
                case "port-unreach":
                    return SshPortStatus.Refused;

                // nft's icmpx no-route sends ICMP net-unreachable to IPv4 and ICMPv6 no-route to IPv6.
                case "no-route":
                case "noroute":
                    return icmpx && !ipv6 ? SshPortStatus.NetworkUnreachable : SshPortStatus.HostUnreachable;

                // Linux reports ICMPv6 admin-prohibited, policy-fail and reject-route as EACCES,
                // which Test-SshPort reports as HostUnreachable too.
                case "admin-prohibited":
                case "adm-prohibited":
                case "host-prohibited":
                case "host-unreachable":
                case "addr-unreachable":
                case "policy-fail":
                case "reject-route":
                    return SshPortStatus.HostUnreachable;

                case "net-unreachable":
                case "net-prohibited":
                    return SshPortStatus.NetworkUnreachable;

                default:
                    // prot-unreachable (ENOPROTOOPT) and the rest: Test-SshPort reports a connect
                    // error it does not name as HostUnreachable, so the prediction says the same.
                    return SshPortStatus.HostUnreachable;
            }
        }
    }
}
