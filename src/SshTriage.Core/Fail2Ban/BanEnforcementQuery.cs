using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Firewall;
using SshTriage.Net;

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
        private readonly Dictionary<(string, string, bool), (BanObjectKind, string, string)?> objects = new Dictionary<(string, string, bool), (BanObjectKind, string, string)?>();

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
            return FirewallReader.Decision(evidence, firewall, packet) switch
            {
                FirewallDecision.Drop or FirewallDecision.Reject => (BanEnforcement.Enforced, name),
                FirewallDecision.Accept => (BanEnforcement.NotEnforced, name),
                _ => (BanEnforcement.Unknown, name),
            };
        }

        // Whether the action's object holds the address (null: that firewall was not read), and the object's name.
        private (bool? Holds, string? Object) Holds(string jail, string? action, IPAddress address)
        {
            var source = IPPrefix.Single(address);
            var v6 = source.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (action == null || ObjectOf(jail, action, v6) is not (BanObjectKind kind, string name, string display))
            {
                return (null, null);
            }

            bool? held = kind switch
            {
                BanObjectKind.Ipset => !firewall.Answered(FirewallSections.Names.Ipset) ? null
                    : firewall.Ipsets.TryGetValue(name, out var members) && members.Contains(address),
                BanObjectKind.NftSet => firewall.Nftables?.Sets.Any(s => s.Name == name && s.Addresses?.Contains(address) == true),
                BanObjectKind.IptablesChain => !firewall.Iptables.Any(s => s.Family == (v6 ? "ipv6" : "ipv4")) ? null
                    : firewall.Iptables.Any(s => s.Family == (v6 ? "ipv6" : "ipv4") && Blocks(s, name, source)),
                _ => !firewall.Answered(FirewallSections.Names.Ufw) ? null
                    : firewall.Managers.Any(r => r.Backend == FirewallBackend.Ufw && Blocking(r.Action) && IPPrefix.TryParse(r.Source, out var from) && from.Contains(source)),
            };
            return (held, display);
        }

        // The object a jail's action fills, named once per jail and family: every ban of the jail shares the name.
        private (BanObjectKind Kind, string Name, string Display)? ObjectOf(string jail, string action, bool v6)
        {
            if (objects.TryGetValue((jail, action, v6), out var known))
            {
                return known;
            }

            (BanObjectKind, string, string)? found = null;
            if (action.IndexOf("ipset", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var set = "f2b-" + jail + (v6 ? "6" : string.Empty);
                found = (BanObjectKind.Ipset, set, "ipset " + set);
            }
            else if (action.StartsWith("nftables", StringComparison.OrdinalIgnoreCase))
            {
                var set = (v6 ? "addr6-set-" : "addr-set-") + jail;
                found = (BanObjectKind.NftSet, set, "nft set " + set);
            }
            else if (action.StartsWith("iptables", StringComparison.OrdinalIgnoreCase))
            {
                var chain = "f2b-" + jail;
                found = (BanObjectKind.IptablesChain, chain, (v6 ? "ip6tables" : "iptables") + " chain " + chain);
            }
            else if (action.StartsWith("ufw", StringComparison.OrdinalIgnoreCase))
            {
                found = (BanObjectKind.UfwRules, "ufw", "ufw rules");
            }

            objects[(jail, action, v6)] = found;
            return found;
        }

        // Fail2Ban's chain holds "-s ADDRESS -j REJECT|DROP" for each ban.
        private static bool Blocks(IptablesRuleSet rules, string chainName, IPPrefix source) =>
            rules.Tables.TryGetValue("filter", out var filter) && filter.TryGetValue(chainName, out var chain)
            && chain.RulesFrom(source).Select(r => r.Conditions).Any(c => Blocking(c.Action) && !c.SourceNegated && c.Sources?.Any(s => s.Contains(source)) == true);

        private static bool Blocking(FirewallAction action) => action == FirewallAction.Reject || action == FirewallAction.Drop;
    }
}
