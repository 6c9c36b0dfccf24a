using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Evidence;
using SshTriage.Net;
using SshTriage.Server;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The host's firewalls as one collector run saw them: iptables of both backends and
    /// families, ipsets, and ufw — read once, for listing rules and for walking the input path.
    /// </summary>
    internal sealed class FirewallEvidence
    {
        private FirewallEvidence(IReadOnlyList<IptablesRuleSet> iptables, IReadOnlyDictionary<string, AddressSet> ipsets, IReadOnlyList<FirewallRule> ufw, IReadOnlyList<string> denied)
        {
            Iptables = iptables;
            Ipsets = ipsets;
            Ufw = ufw;
            Denied = denied;
        }

        public IReadOnlyList<IptablesRuleSet> Iptables { get; }

        public IReadOnlyDictionary<string, AddressSet> Ipsets { get; }

        public IReadOnlyList<FirewallRule> Ufw { get; }

        /// <summary>The tools that ran without the rights to read the rules.</summary>
        public IReadOnlyList<string> Denied { get; }

        public static FirewallEvidence Read(ServerEvidence evidence)
        {
            var host = evidence.ComputerName;
            var iptables = new List<IptablesRuleSet>();
            var denied = new List<string>();
            if (evidence.Bundle[FirewallSections.Names.IptablesSave] is EvidenceRecord saves)
            {
                foreach (var answer in FramedOutput.Parse(saves.StandardOutput).Global)
                {
                    if (answer.ExitCode != 0)
                    {
                        if (answer.Output.Contains("Permission denied") || answer.Output.Contains("must be root"))
                        {
                            denied.Add(answer.Query);
                        }

                        continue;
                    }

                    var family = answer.Query.StartsWith("ip6tables", StringComparison.Ordinal) ? "ipv6" : "ipv4";
                    var backend = answer.Query.Contains("legacy") ? FirewallBackend.IptablesLegacy : (FirewallBackend?)null;
                    iptables.Add(IptablesSaveParser.Parse(host, answer.Output, backend, family));
                }
            }

            var ipsets = new Dictionary<string, AddressSet>(StringComparer.Ordinal);
            if (evidence.Bundle[FirewallSections.Names.Ipset] is EvidenceRecord ipset && ipset.Succeeded)
            {
                foreach (var (name, members) in IpsetListParser.Parse(ipset.StandardOutput))
                {
                    ipsets[name] = members;
                }
            }

            var ufw = evidence.Bundle[FirewallSections.Names.Ufw] is EvidenceRecord status && status.Succeeded
                ? UfwStatusParser.Parse(host, status.StandardOutput)
                : (IReadOnlyList<FirewallRule>)Array.Empty<FirewallRule>();
            return new FirewallEvidence(iptables, ipsets, ufw, denied);
        }

        /// <summary>One walker per iptables backend.</summary>
        public IEnumerable<IInputPathWalker> Walkers() =>
            Iptables.GroupBy(s => s.Backend).Select(g => (IInputPathWalker)new IptablesInputWalker(g.ToList(), name => Ipsets.TryGetValue(name, out var set) ? set : null));

        public IEnumerable<FirewallRule> Rules() => Iptables.SelectMany(s => s.Rules()).Concat(Ufw);
    }
}
