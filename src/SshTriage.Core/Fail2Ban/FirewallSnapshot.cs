using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SshTriage.Evidence;
using SshTriage.Net;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// The firewall state that enforces Fail2Ban's bans, as the collector saw it, with one
    /// question: does the object a ban action uses hold an address?
    /// </summary>
    public sealed class FirewallSnapshot
    {
        private readonly IReadOnlyList<ToolAnswer> iptables;
        private readonly string? nft;
        private readonly string? ipset;
        private readonly string? ufw;

        private FirewallSnapshot(IReadOnlyList<ToolAnswer> iptables, string? nft, string? ipset, string? ufw)
        {
            this.iptables = iptables;
            this.nft = nft;
            this.ipset = ipset;
            this.ufw = ufw;
        }

        /// <summary>Reads the firewall sections of a bundle; absent or failed tools give no answer.</summary>
        public static FirewallSnapshot From(EvidenceBundle bundle)
        {
            string? Output(string name) => bundle[name] is EvidenceRecord r && r.Succeeded ? r.StandardOutput : null;
            var iptables = bundle[Fail2BanSections.Names.IptablesSave] is EvidenceRecord record
                ? Fail2BanOutput.Parse(record.StandardOutput).Global.Where(a => a.ExitCode == 0).ToList()
                : new List<ToolAnswer>();
            return new FirewallSnapshot(iptables, Output(Fail2BanSections.Names.NftRuleset), Output(Fail2BanSections.Names.Ipset), Output(Fail2BanSections.Names.Ufw));
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
                return (Membership(IpsetMembers(set), address), "ipset " + set);
            }

            if (action.StartsWith("nftables", StringComparison.OrdinalIgnoreCase))
            {
                var set = (v6 ? "addr6-set-" : "addr-set-") + jail;
                return (Membership(NftSetElements(set), address), "nft set " + set);
            }

            if (action.StartsWith("iptables", StringComparison.OrdinalIgnoreCase))
            {
                var chain = "f2b-" + jail;
                return (IptablesChainHolds(chain, address, v6), (v6 ? "ip6tables" : "iptables") + " chain " + chain);
            }

            if (action.StartsWith("ufw", StringComparison.OrdinalIgnoreCase))
            {
                return (UfwBlocks(address), "ufw rules");
            }

            return (BanEnforcement.Unknown, null);
        }

        private static BanEnforcement Membership(IReadOnlyList<string>? members, IPAddress address)
        {
            if (members == null)
            {
                return BanEnforcement.Unknown;
            }

            return members.Any(m => Covers(m, address)) ? BanEnforcement.Enforced : BanEnforcement.NotEnforced;
        }

        // nft prints intervals as a-b; both ends are addresses of one family.
        private static bool Covers(string member, IPAddress address)
        {
            var dash = member.IndexOf('-');
            if (dash > 0 && IPPrefix.TryParse(member.Substring(0, dash), out var low) && IPPrefix.TryParse(member.Substring(dash + 1), out var high))
            {
                return low.Family == IPPrefix.Single(address).Family
                    && Compare(low.Network, address) <= 0 && Compare(address, high.Network) <= 0;
            }

            return IPPrefix.TryParse(member, out var prefix) && prefix.Contains(address);
        }

        private static int Compare(IPAddress a, IPAddress b)
        {
            var x = IPPrefix.Single(a).Network.GetAddressBytes();
            var y = IPPrefix.Single(b).Network.GetAddressBytes();
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Length.CompareTo(y.Length);
        }

        private IReadOnlyList<string>? NftSetElements(string set)
        {
            if (nft == null)
            {
                return null;
            }

            var match = Regex.Match(nft, @"\bset " + Regex.Escape(set) + @" \{(?<body>(?:[^{}]|\{[^{}]*\})*)\}", RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                return Array.Empty<string>();
            }

            var elements = Regex.Match(match.Groups["body"].Value, @"elements = \{(?<items>[^}]*)\}", RegexOptions.CultureInvariant);
            // An element may carry "timeout 10m expires 9m" after its address.
            return elements.Success
                ? elements.Groups["items"].Value.Split(',').Select(e => e.Trim().Split(' ', '\t', '\n')[0]).Where(e => e.Length > 0).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
        }

        private IReadOnlyList<string>? IpsetMembers(string set)
        {
            if (ipset == null)
            {
                return null;
            }

            var match = Regex.Match(ipset, @"^Name: " + Regex.Escape(set) + @"\s*$(?<body>.*?)(?=^Name: |\z)", RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.Singleline);
            if (!match.Success)
            {
                return Array.Empty<string>();
            }

            var members = match.Groups["body"].Value.Split('\n').SkipWhile(l => !l.StartsWith("Members:", StringComparison.Ordinal)).Skip(1);
            return members.Select(l => l.Trim().Split(' ')[0]).Where(l => l.Length > 0).ToList();
        }

        private BanEnforcement IptablesChainHolds(string chain, IPAddress address, bool v6)
        {
            var saves = iptables.Where(a => a.Query.StartsWith(v6 ? "ip6tables" : "iptables", StringComparison.Ordinal)).ToList();
            if (saves.Count == 0)
            {
                return BanEnforcement.Unknown;
            }

            var rule = new Regex(@"-A " + Regex.Escape(chain) + @" .*-s (?<source>\S+) .*-j (?:REJECT|DROP)", RegexOptions.CultureInvariant);
            foreach (var save in saves)
            {
                foreach (var line in save.Output.Split('\n'))
                {
                    var match = rule.Match(line);
                    if (match.Success && IPPrefix.TryParse(match.Groups["source"].Value, out var source) && source.Contains(address))
                    {
                        return BanEnforcement.Enforced;
                    }
                }
            }

            return BanEnforcement.NotEnforced;
        }

        private BanEnforcement UfwBlocks(IPAddress address)
        {
            if (ufw == null)
            {
                return BanEnforcement.Unknown;
            }

            foreach (var line in ufw.Split('\n'))
            {
                var words = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if ((line.Contains("REJECT") || line.Contains("DENY")) && words.Any(w => IPPrefix.TryParse(w, out var p) && p.Contains(address)))
                {
                    return BanEnforcement.Enforced;
                }
            }

            return BanEnforcement.NotEnforced;
        }
    }
}
