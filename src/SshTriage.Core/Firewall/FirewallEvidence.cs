using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The host's firewalls as one collector run saw them: iptables of both backends and
    /// families, ipsets, and ufw — read once, for listing rules and for walking the input path.
    /// </summary>
    internal sealed class FirewallEvidence
    {
        private readonly HashSet<string> answered;
        private IReadOnlyList<IInputPathWalker>? walkers;

        private FirewallEvidence(bool collected, HashSet<string> answered, IReadOnlyList<IptablesRuleSet> iptables, NftRuleset? nftables, IReadOnlyDictionary<string, AddressSet> ipsets, IReadOnlyList<FirewallRule> managers, IReadOnlyList<string> denied, IReadOnlyList<string> unreadable)
        {
            this.answered = answered;
            Collected = collected;
            Unreadable = unreadable;
            Iptables = iptables;
            Nftables = nftables;
            Ipsets = ipsets;
            Managers = managers;
            Denied = denied;
        }

        public IReadOnlyList<IptablesRuleSet> Iptables { get; }

        public NftRuleset? Nftables { get; }

        public IReadOnlyDictionary<string, AddressSet> Ipsets { get; }

        /// <summary>ufw's and firewalld's rules in their own words (they enforce them through iptables and nftables).</summary>
        public IReadOnlyList<FirewallRule> Managers { get; }

        /// <summary>The tools that ran without the rights to read the rules.</summary>
        public IReadOnlyList<string> Denied { get; }

        /// <summary>What a tool printed that could not be read as its rules (damaged on the way, or not the tool's), with why.</summary>
        public IReadOnlyList<string> Unreadable { get; }

        /// <summary>False when the evidence has none of the firewall sections (a bundle from a collector that did not read them).</summary>
        public bool Collected { get; }

        /// <summary>True when iptables' or nftables' rules were read: only then can a walk say that nothing blocks.</summary>
        public bool RulesRead => Iptables.Count > 0 || Nftables != null;

        /// <summary>True when the tool of <paramref name="section"/> ran and answered (an empty answer included).</summary>
        public bool Answered(string section) => answered.Contains(section);

        public static FirewallEvidence Read(ServerEvidence evidence)
        {
            var host = evidence.ComputerName;
            var iptables = new List<IptablesRuleSet>();
            var denied = new List<string>();
            var unreadable = new List<string>();
            if (evidence.Bundle[FirewallSections.Names.IptablesSave] is EvidenceRecord saves)
            {
                foreach (var answer in FramedOutput.Parse(saves).Global)
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
                    var (text, start, length) = answer.Place;
                    iptables.Add(IptablesSaveParser.Parse(host, text, start, length, backend, family));
                }
            }

            var answered = new HashSet<string>(FirewallSections.Names.All.Where(name => evidence.Bundle[name] is EvidenceRecord r && r.Succeeded), StringComparer.Ordinal);
            var ipsets = new Dictionary<string, AddressSet>(StringComparer.Ordinal);
            if (evidence.Bundle[FirewallSections.Names.Ipset] is EvidenceRecord ipset && ipset.Succeeded)
            {
                foreach (var (name, members) in IpsetListParser.Parse(ipset.StandardOutput))
                {
                    ipsets[name] = members;
                }
            }

            var managers = new List<FirewallRule>();
            if (evidence.Bundle[FirewallSections.Names.Ufw] is EvidenceRecord status && status.Succeeded)
            {
                managers.AddRange(UfwStatusParser.Parse(host, status.StandardOutput));
            }

            if (evidence.Bundle[FirewallSections.Names.Firewalld] is EvidenceRecord zones && zones.Succeeded)
            {
                managers.AddRange(FirewalldZoneParser.Parse(host, zones.StandardOutput));
            }

            NftRuleset? nftables = null;
            if (evidence.Bundle[FirewallSections.Names.NftJson] is EvidenceRecord nft)
            {
                if (nft.Succeeded)
                {
                    try
                    {
                        nftables = NftRulesetParser.ParseRuleset(host, nft.Utf8Output);
                    }
                    catch (FormatException damaged)
                    {
                        unreadable.Add("nft -j list ruleset: " + damaged.Message);
                    }
                }
                else if (nft.StandardError.Contains("Operation not permitted") || nft.StandardError.Contains("Permission denied"))
                {
                    denied.Add("nft");
                }
            }

            var collected = FirewallSections.Names.All.Any(name => evidence.Bundle[name] != null);
            return new FirewallEvidence(collected, answered, iptables, nftables, ipsets, managers, denied, unreadable);
        }

        /// <summary>
        /// One walker per iptables backend, and one for nftables (which skips the tables
        /// iptables-nft manages). They hold no state of a walk: built once, they serve every
        /// walk, as a ban list's enforcement check asks one per ban.
        /// </summary>
        public IReadOnlyList<IInputPathWalker> Walkers() => walkers ??= NewWalkers().ToList();

        private IEnumerable<IInputPathWalker> NewWalkers()
        {
            foreach (var backend in Iptables.GroupBy(s => s.Backend))
            {
                yield return new IptablesInputWalker(backend.ToList(), name => Ipsets.TryGetValue(name, out var set) ? set : null);
            }

            if (Nftables != null)
            {
                yield return new NftInputWalker(Nftables);
            }
        }

        /// <summary>Every rule; nftables' copies of iptables-nft's rules are left out, as iptables-save lists them readably.</summary>
        public IEnumerable<FirewallRule> Rules() =>
            Iptables.SelectMany(s => s.Rules())
                .Concat(Nftables?.Rules.Where(r => !IptablesManaged(Nftables, r)) ?? Enumerable.Empty<FirewallRule>())
                .Concat(Managers);

        private static bool IptablesManaged(NftRuleset ruleset, FirewallRule rule) =>
            ruleset.Tables.Any(t => t.ManagedByIptablesNft && t.Name == rule.Table && NftRuleCompiler.FamilyName(t.Family) == rule.Family);
    }
}
