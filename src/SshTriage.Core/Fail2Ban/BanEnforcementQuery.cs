using System;
using System.Linq;
using System.Net;
using SshTriage.Diagnosis;
using SshTriage.Firewall;
using SshTriage.Net;
using SshTriage.Server;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// Whether the firewall enforces a Fail2Ban ban, asked of the same firewall model that
    /// Test-FirewallAccess walks: the object the jail's action fills (an iptables chain, an nft
    /// set, an ipset, ufw's rules) must hold the address, and a new connection from it to the
    /// jail's port must be dropped or rejected on the input path.
    /// </summary>
    internal sealed class BanEnforcementQuery
    {
        private readonly ServerEvidence evidence;
        private readonly FirewallEvidence firewall;

        public BanEnforcementQuery(ServerEvidence evidence, FirewallEvidence firewall)
        {
            this.evidence = evidence;
            this.firewall = firewall;
        }

        /// <summary>
        /// Checks the ban of <paramref name="address"/> by <paramref name="jail"/>, whose action is
        /// <paramref name="action"/> and whose ports are <paramref name="ports"/> (as Fail2Ban prints them).
        /// </summary>
        public (BanEnforcement Enforcement, string? Object) Check(string jail, string? action, string? ports, IPAddress address)
        {
            var (holds, name) = Holds(jail, action, address);
            if (name == null || holds == null)
            {
                return (BanEnforcement.Unknown, name);
            }

            if (holds == false)
            {
                return (BanEnforcement.NotEnforced, name);
            }

            // Held is not yet blocked: the object may hang off no chain the packet passes, or an earlier rule may accept it.
            var packet = new PacketQuery(address, JailPorts.Representative(ports), "tcp", null);
            return FirewallReport.Verdict(evidence, firewall, packet).Verdict switch
            {
                FirewallDecision.Drop or FirewallDecision.Reject => (BanEnforcement.Enforced, name),
                FirewallDecision.Accept => (BanEnforcement.NotEnforced, name),
                _ => (BanEnforcement.Unknown, name),
            };
        }

        // Whether the action's object holds the address (null: that firewall was not read), and the object's name.
        private (bool? Holds, string? Object) Holds(string jail, string? action, IPAddress address)
        {
            if (action == null)
            {
                return (null, null);
            }

            var source = IPPrefix.Single(address);
            var v6 = source.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (action.IndexOf("ipset", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var set = "f2b-" + jail + (v6 ? "6" : string.Empty);
                var held = !firewall.Answered(FirewallSections.Names.Ipset) ? (bool?)null
                    : firewall.Ipsets.TryGetValue(set, out var members) && members.Contains(address);
                return (held, "ipset " + set);
            }

            if (action.StartsWith("nftables", StringComparison.OrdinalIgnoreCase))
            {
                var set = (v6 ? "addr6-set-" : "addr-set-") + jail;
                var held = firewall.Nftables?.Sets.Any(s => s.Name == set && s.Addresses?.Contains(address) == true);
                return (held, "nft set " + set);
            }

            if (action.StartsWith("iptables", StringComparison.OrdinalIgnoreCase))
            {
                var chain = "f2b-" + jail;
                var family = v6 ? "ipv6" : "ipv4";
                var sets = firewall.Iptables.Where(s => s.Family == family).ToList();
                var held = sets.Count == 0 ? (bool?)null : sets.Any(s => Blocks(s, chain, source));
                return (held, (v6 ? "ip6tables" : "iptables") + " chain " + chain);
            }

            if (action.StartsWith("ufw", StringComparison.OrdinalIgnoreCase))
            {
                var held = !firewall.Answered(FirewallSections.Names.Ufw) ? (bool?)null
                    : firewall.Managers.Any(r => r.Backend == FirewallBackend.Ufw && Blocking(r.Action) && IPPrefix.TryParse(r.Source, out var from) && from.Contains(source));
                return (held, "ufw rules");
            }

            return (null, null);
        }

        // Fail2Ban's chain holds "-s ADDRESS -j REJECT|DROP" for each ban.
        private static bool Blocks(IptablesRuleSet rules, string chainName, IPPrefix source) =>
            rules.Tables.TryGetValue("filter", out var filter) && filter.TryGetValue(chainName, out var chain)
            && chain.RulesFrom(source).Any(r => Blocking(r.Conditions.Action) && !r.Conditions.SourceNegated && r.Conditions.Sources?.Any(s => s.Contains(source)) == true);

        private static bool Blocking(FirewallAction action) => action == FirewallAction.Reject || action == FirewallAction.Drop;
    }
}
