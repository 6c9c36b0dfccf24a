using System;
using System.Collections.Generic;
using SshTriage.Net;
using SshTriage.Text;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The match conditions and target of one iptables rule, as the input-path walker needs them:
    /// addresses already parsed, and what the walker only asks yes or no about (does the state
    /// list hold NEW?) already answered.
    /// </summary>
    internal sealed class IptablesConditions
    {
        public FirewallAction Action { get; set; } = FirewallAction.Other;

        /// <summary>For Jump and Goto: the chain.</summary>
        public string? JumpTarget { get; set; }

        /// <summary>For Reject: what answers the client, the family's default when the rule names none.</summary>
        public string? RejectWith { get; set; }

        /// <summary>The protocol (-p), null when the rule names none.</summary>
        public string? Protocol { get; set; }

        public bool ProtocolNegated { get; set; }

        /// <summary>The source prefixes (-s); empty when none of them could be read, null when the rule has no -s.</summary>
        public IPPrefix[]? Sources { get; set; }

        public bool SourceNegated { get; set; }

        /// <summary>The rule has a destination (-d) other than 0.0.0.0/0 or ::/0.</summary>
        public bool DestinationRestricted { get; set; }

        /// <summary>The input interface (-i), null when the rule names none.</summary>
        public string? InInterface { get; set; }

        public bool InInterfaceNegated { get; set; }

        /// <summary>The destination port ranges (--dport, --dports), null when the rule names none.</summary>
        public (int Low, int High)[]? DestinationPorts { get; set; }

        public bool DestinationPortsNegated { get; set; }

        /// <summary>The rule has a connection state match (--state, --ctstate).</summary>
        public bool HasState { get; set; }

        /// <summary>The state match lists NEW.</summary>
        public bool StateIncludesNew { get; set; }

        public bool StateNegated { get; set; }

        /// <summary>The ipset (-m set --match-set), null when the rule names none.</summary>
        public string? MatchSet { get; set; }

        public bool MatchSetNegated { get; set; }

        /// <summary>
        /// True when a match can never hold for a new unicast TCP or UDP connection to the host
        /// (addrtype BROADCAST, an IPv6 routing header): the rule is skipped.
        /// </summary>
        public bool NeverMatches { get; set; }

        /// <summary>A match the walker cannot evaluate (-m recent, -m owner, ...): the rule's outcome is then unknown.</summary>
        public bool Unsupported { get; set; }
    }

    /// <summary>
    /// One rule, kept as the place of its line in the dump. Long chains are lists of sources
    /// ("-A f2b-sshd -s 198.51.100.7/32 -j REJECT ..."): the one source such a rule begins with
    /// is read while parsing, and is all a walk needs of it unless the packet comes from there.
    /// The conditions and the typed <see cref="FirewallRule"/> are read from the line when they
    /// are first asked for: a verdict needs a few rules read, not 100,000.
    /// </summary>
    internal sealed class IptablesRule
    {
        private readonly int start;
        private readonly int end;

        // The leading source, in its parts: as an IPPrefix? it would take 32 bytes of each of
        // 100,000 rules, where these take 18. A family of 0 is no leading source.
        private readonly AddressValue sourceNetwork;
        private readonly byte sourceLength;
        private readonly byte sourceFamily;

        private Read? read;

        /// <summary>Creates a rule from the line between <paramref name="start"/> and <paramref name="end"/> of its rule set's dump.</summary>
        public IptablesRule(IptablesChain chain, int index, int start, int end, IPPrefix? leadingSource)
        {
            Chain = chain;
            Index = index;
            this.start = start;
            this.end = end;
            if (leadingSource is IPPrefix source)
            {
                sourceNetwork = source.Value;
                sourceLength = (byte)source.Length;
                sourceFamily = (byte)source.Family;
            }
        }

        public IptablesChain Chain { get; }

        /// <summary>The rule's position in its chain, from 1.</summary>
        public int Index { get; }

        // A rule that begins with one source is read only by walks from that source (in a Fail2Ban
        // chain, one per ban): keeping what they read would keep an object per ban, so only the
        // rules every walk reads are kept.
        public IptablesConditions Conditions => sourceFamily == 0
            ? (read ??= new Read()).Conditions ??= IptablesSaveParser.Conditions(this, start, end)
            : IptablesSaveParser.Conditions(this, start, end);

        /// <summary>The rule, typed.</summary>
        public FirewallRule Rule => sourceFamily == 0
            ? (read ??= new Read()).Rule ??= IptablesSaveParser.Describe(this, start, end)
            : IptablesSaveParser.Describe(this, start, end);

        /// <summary>
        /// True when the rule matches no packet from <paramref name="source"/>: it names one
        /// source, not negated, and that does not hold it. False says nothing: read the conditions.
        /// </summary>
        public bool Excludes(IPPrefix source) => LeadingSource is IPPrefix only && !only.Contains(source);

        /// <summary>The one source the rule begins with, when it names only that one; null otherwise.</summary>
        public IPPrefix? LeadingSource => sourceFamily == 0 ? null : IPPrefix.Of(sourceNetwork, sourceLength, (System.Net.Sockets.AddressFamily)sourceFamily);

        // What was read of a rule that every walk reads, kept once read.
        private sealed class Read
        {
            public IptablesConditions? Conditions { get; set; }

            public FirewallRule? Rule { get; set; }
        }
    }

    /// <summary>One chain: its policy (null for a user chain) and rules in order.</summary>
    internal sealed class IptablesChain
    {
        // A chain this long is indexed by source once it is walked more than once: one verdict
        // should not pay for an index, a verdict per Fail2Ban ban should not pass the chain each time.
        private const int IndexedFrom = 64;
        private int walks;
        private IptablesSourceIndex? index;

        public IptablesChain(IptablesRuleSet ruleSet, string table, string name, string? policy)
        {
            RuleSet = ruleSet;
            Table = table;
            Name = name;
            Policy = policy;
        }

        public IptablesRuleSet RuleSet { get; }

        public string Table { get; }

        public string Name { get; }

        public string? Policy { get; }

        public List<IptablesRule> Rules { get; } = new List<IptablesRule>();

        /// <summary>The rules, in order, that a packet from <paramref name="source"/> may match: those its leading source does not exclude.</summary>
        public IEnumerable<IptablesRule> RulesFrom(IPPrefix source)
        {
            if (Rules.Count < IndexedFrom || ++walks < 2)
            {
                foreach (var rule in Rules)
                {
                    if (!rule.Excludes(source))
                    {
                        yield return rule;
                    }
                }

                yield break;
            }

            index ??= IptablesSourceIndex.Build(Rules);
            foreach (var position in index.Candidates(source))
            {
                yield return Rules[position];
            }
        }
    }

    /// <summary>One iptables-save dump of one family and backend: tables of chains.</summary>
    internal sealed class IptablesRuleSet
    {
        public IptablesRuleSet(string computerName, FirewallBackend backend, string family, Utf8Text dump)
        {
            ComputerName = computerName;
            Backend = backend;
            Family = family;
            Dump = dump;
        }

        public string ComputerName { get; }

        public FirewallBackend Backend { get; }

        /// <summary>ipv4 or ipv6.</summary>
        public string Family { get; }

        /// <summary>The iptables-save output the rules were read from, as UTF-8.</summary>
        public Utf8Text Dump { get; }

        /// <summary>Chains by table, then by name.</summary>
        public Dictionary<string, Dictionary<string, IptablesChain>> Tables { get; } = new Dictionary<string, Dictionary<string, IptablesChain>>(StringComparer.Ordinal);

        public IEnumerable<FirewallRule> Rules()
        {
            foreach (var table in Tables.Values)
            {
                foreach (var chain in table.Values)
                {
                    foreach (var rule in chain.Rules)
                    {
                        yield return rule.Rule;
                    }
                }
            }
        }
    }
}
