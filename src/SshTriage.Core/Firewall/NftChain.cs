using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>One chain: a base chain (with a hook) or a regular chain (reached by jump and goto).</summary>
    public sealed class NftChain
    {
        private readonly List<FirewallRule> rules = new List<FirewallRule>();

        internal NftChain(string family, string table, string name, string? type, string? hook, int? priority, string? policy)
        {
            Family = family;
            Table = table;
            Name = name;
            Type = type;
            Hook = hook;
            Priority = priority;
            Policy = policy;
        }

        /// <summary>nft's family: ip, ip6, inet, ...</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The chain's name.</summary>
        public string Name { get; }

        /// <summary>For a base chain: filter, nat or route.</summary>
        public string? Type { get; }

        /// <summary>For a base chain: prerouting, input, forward, output, postrouting, ingress.</summary>
        public string? Hook { get; }

        /// <summary>For a base chain: the hook priority, lower first (filter is 0).</summary>
        public int? Priority { get; }

        /// <summary>For a base chain: accept or drop, applied when no rule decides.</summary>
        public string? Policy { get; }

        /// <summary>True for a chain attached to a hook.</summary>
        public bool IsBaseChain => Hook != null;

        /// <summary>The chain's rules in order.</summary>
        public IReadOnlyList<FirewallRule> Rules => rules;

        internal List<NftRule> Compiled { get; } = new List<NftRule>();

        internal void Add(NftRule rule)
        {
            Compiled.Add(rule);
            rules.Add(rule.Rule);
        }
    }
}
