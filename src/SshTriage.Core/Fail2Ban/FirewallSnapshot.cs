using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SshTriage.Evidence;
using SshTriage.Firewall;
using SshTriage.Net;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// The firewall state that enforces Fail2Ban's bans, as the collector saw it, with one
    /// question: does the object a ban action uses hold an address?
    /// </summary>
    public sealed class FirewallSnapshot
    {
        private static readonly Regex NftSet = new Regex(@"\bset (?<name>\S+) \{(?<body>(?:[^{}]|\{[^{}]*\})*)\}", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex NftElements = new Regex(@"elements = \{(?<items>[^}]*)\}", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // Each firewall's objects are read once, into sets that answer in constant time.
        private readonly Dictionary<string, AddressSet>? iptablesChains;
        private readonly Dictionary<string, AddressSet>? nftSets;
        private readonly Dictionary<string, AddressSet>? ipsets;
        private readonly AddressSet? ufwBlocked;

        private FirewallSnapshot(IReadOnlyList<ToolAnswer> iptables, string? nft, string? ipset, string? ufw)
        {
            iptablesChains = iptables.Count == 0 ? null : IptablesChains(iptables);
            nftSets = nft == null ? null : NftSets(nft);
            ipsets = ipset == null ? null : Ipsets(ipset);
            ufwBlocked = ufw == null ? null : UfwBlocked(ufw);
        }

        /// <summary>Reads the firewall sections of a bundle; absent or failed tools give no answer.</summary>
        public static FirewallSnapshot From(EvidenceBundle bundle)
        {
            string? Output(string name) => bundle[name] is EvidenceRecord r && r.Succeeded ? r.StandardOutput : null;
            var iptables = bundle[FirewallSections.Names.IptablesSave] is EvidenceRecord record
                ? FramedOutput.Parse(record.StandardOutput).Global.Where(a => a.ExitCode == 0).ToList()
                : new List<ToolAnswer>();
            return new FirewallSnapshot(iptables, Output(FirewallSections.Names.NftRuleset), Output(FirewallSections.Names.Ipset), Output(FirewallSections.Names.Ufw));
        }

        /// <summary>Checks whether <paramref name="action"/>'s firewall object for <paramref name="jail"/> holds <paramref name="address"/>.</summary>
        public (BanEnforcement Enforcement, string? Object) Check(string jail, string? action, IPAddress address)
        {
            if (action == null)
            {
                return (BanEnforcement.Unknown, null);
            }

            var v6 = address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;
            if (action.IndexOf("ipset", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var set = "f2b-" + jail + (v6 ? "6" : string.Empty);
                return (Holds(ipsets, set, address), "ipset " + set);
            }

            if (action.StartsWith("nftables", StringComparison.OrdinalIgnoreCase))
            {
                var set = (v6 ? "addr6-set-" : "addr-set-") + jail;
                return (Holds(nftSets, set, address), "nft set " + set);
            }

            if (action.StartsWith("iptables", StringComparison.OrdinalIgnoreCase))
            {
                var chain = "f2b-" + jail;
                return (Holds(iptablesChains, (v6 ? "6:" : "4:") + chain, address), (v6 ? "ip6tables" : "iptables") + " chain " + chain);
            }

            if (action.StartsWith("ufw", StringComparison.OrdinalIgnoreCase))
            {
                return (ufwBlocked == null ? BanEnforcement.Unknown : ufwBlocked.Contains(address) ? BanEnforcement.Enforced : BanEnforcement.NotEnforced, "ufw rules");
            }

            return (BanEnforcement.Unknown, null);
        }

        private static BanEnforcement Holds(Dictionary<string, AddressSet>? objects, string name, IPAddress address)
        {
            if (objects == null)
            {
                return BanEnforcement.Unknown;
            }

            return objects.TryGetValue(name, out var set) && set.Contains(address) ? BanEnforcement.Enforced : BanEnforcement.NotEnforced;
        }

        private static AddressSet Get(Dictionary<string, AddressSet> objects, string name)
        {
            if (!objects.TryGetValue(name, out var set))
            {
                objects[name] = set = new AddressSet();
            }

            return set;
        }

        // Chains are keyed by family ("4:" or "6:"), since iptables and ip6tables each have their own f2b-JAIL.
        private static Dictionary<string, AddressSet> IptablesChains(IReadOnlyList<ToolAnswer> saves)
        {
            var chains = new Dictionary<string, AddressSet>(StringComparer.Ordinal);
            foreach (var save in saves)
            {
                var family = save.Query.StartsWith("ip6tables", StringComparison.Ordinal) ? "6:" : "4:";
                foreach (var line in save.Lines())
                {
                    if (BlockingRule(line) is (string chain, string source))
                    {
                        Get(chains, family + chain).Add(source);
                    }
                }
            }

            return chains;
        }

        // "[p:b] -A CHAIN ... -s SOURCE ... -j REJECT|DROP": read by words, since a rule set may hold 100,000 rules.
        private static (string Chain, string Source)? BlockingRule(string line)
        {
            var start = line.StartsWith("[", StringComparison.Ordinal) ? line.IndexOf("] ", StringComparison.Ordinal) + 2 : 0;
            if (start < 0 || string.CompareOrdinal(line, start, "-A ", 0, 3) != 0)
            {
                return null;
            }

            var words = line.Substring(start).Split(' ');
            string? source = null, target = null;
            for (var i = 2; i + 1 < words.Length; i++)
            {
                if (words[i] == "-s")
                {
                    source = words[i + 1];
                }
                else if (words[i] == "-j")
                {
                    target = words[i + 1];
                }
            }

            return source != null && (target == "REJECT" || target == "DROP") ? (words[1], source) : ((string, string)?)null;
        }

        private static Dictionary<string, AddressSet> NftSets(string ruleset)
        {
            var sets = new Dictionary<string, AddressSet>(StringComparer.Ordinal);
            foreach (Match set in NftSet.Matches(ruleset))
            {
                var members = Get(sets, set.Groups["name"].Value);
                var elements = NftElements.Match(set.Groups["body"].Value);
                if (!elements.Success)
                {
                    continue;
                }

                // An element may carry "timeout 10m expires 9m" after its address.
                foreach (var element in elements.Groups["items"].Value.Split(','))
                {
                    var item = element.Trim().Split(' ', '\t', '\n')[0];
                    if (item.Length > 0)
                    {
                        members.Add(item);
                    }
                }
            }

            return sets;
        }

        private static Dictionary<string, AddressSet> Ipsets(string list)
        {
            var sets = new Dictionary<string, AddressSet>(StringComparer.Ordinal);
            foreach (var (name, members) in IpsetListParser.Parse(list))
            {
                sets[name] = members;
            }

            return sets;
        }

        private static AddressSet UfwBlocked(string status)
        {
            var blocked = new AddressSet();
            foreach (var line in status.Split('\n'))
            {
                if (!line.Contains("REJECT") && !line.Contains("DENY"))
                {
                    continue;
                }

                foreach (var word in line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    blocked.Add(word);
                }
            }

            return blocked;
        }
    }
}
