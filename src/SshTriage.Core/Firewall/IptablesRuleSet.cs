using System;
using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>The match conditions of one iptables rule, as the input-path walker needs them.</summary>
    internal sealed class IptablesConditions
    {
        public (List<string> Prefixes, bool Negated)? Source { get; set; }

        public (List<string> Prefixes, bool Negated)? Destination { get; set; }

        public (string Name, bool Negated)? Protocol { get; set; }

        public (string Name, bool Negated)? InInterface { get; set; }

        public (List<(int Low, int High)> Ranges, bool Negated)? DestinationPorts { get; set; }

        public (string[] States, bool Negated)? State { get; set; }

        public (string Name, bool Negated)? MatchSet { get; set; }

        /// <summary>
        /// True when a match can never hold for a new unicast TCP or UDP connection to the host
        /// (addrtype BROADCAST, an IPv6 routing header): the rule is skipped.
        /// </summary>
        public bool NeverMatches { get; set; }

        /// <summary>Matches the walker cannot evaluate (-m recent, -m owner, ...): the rule's outcome is then unknown.</summary>
        public List<string> Unsupported { get; } = new List<string>();
    }

    /// <summary>One rule with its conditions.</summary>
    internal sealed class IptablesRule
    {
        public IptablesRule(FirewallRule rule, IptablesConditions conditions)
        {
            Rule = rule;
            Conditions = conditions;
        }

        public FirewallRule Rule { get; }

        public IptablesConditions Conditions { get; }
    }

    /// <summary>One chain: its policy (null for a user chain) and rules in order.</summary>
    internal sealed class IptablesChain
    {
        public IptablesChain(string name, string? policy)
        {
            Name = name;
            Policy = policy;
        }

        public string Name { get; }

        public string? Policy { get; }

        public List<IptablesRule> Rules { get; } = new List<IptablesRule>();
    }

    /// <summary>One iptables-save dump of one family and backend: tables of chains.</summary>
    internal sealed class IptablesRuleSet
    {
        public IptablesRuleSet(FirewallBackend backend, string family)
        {
            Backend = backend;
            Family = family;
        }

        public FirewallBackend Backend { get; }

        /// <summary>ipv4 or ipv6.</summary>
        public string Family { get; }

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
