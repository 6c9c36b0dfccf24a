using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>An nftables rule set: tables, chains, sets and maps, named counters, and rules.</summary>
    public sealed class NftRuleset
    {
        private readonly Dictionary<(string, string, string), NftChain> chainsByName;
        private readonly Dictionary<(string, string, string), NftSet> setsByName;

        internal NftRuleset(
            string? version,
            List<NftTable> tables,
            List<NftChain> chains,
            Dictionary<(string, string, string), NftChain> chainsByName,
            List<NftSet> sets,
            Dictionary<(string, string, string), NftSet> setsByName,
            List<NftCounter> counters,
            List<FirewallRule> rules,
            NftRulesetTraits traits)
        {
            Version = version;
            Tables = tables;
            Chains = chains;
            this.chainsByName = chainsByName;
            Sets = sets;
            this.setsByName = setsByName;
            Counters = counters;
            Rules = rules;
            Traits = traits;
        }

        /// <summary>The nft version that wrote the output (metainfo), if it said.</summary>
        public string? Version { get; }

        /// <summary>The tables.</summary>
        public IReadOnlyList<NftTable> Tables { get; }

        /// <summary>Every chain, base and regular.</summary>
        public IReadOnlyList<NftChain> Chains { get; }

        /// <summary>Named sets and maps.</summary>
        public IReadOnlyList<NftSet> Sets { get; }

        /// <summary>Named counter objects.</summary>
        public IReadOnlyList<NftCounter> Counters { get; }

        /// <summary>Every rule, in table and chain order.</summary>
        public IReadOnlyList<FirewallRule> Rules { get; }

        internal NftRulesetTraits Traits { get; }

        /// <summary>The chain <paramref name="name"/> of table <paramref name="table"/> in nft family <paramref name="family"/> (ip, ip6, inet, ...).</summary>
        public NftChain? FindChain(string family, string table, string name) =>
            chainsByName.TryGetValue((family, table, name), out var chain) ? chain : null;

        /// <summary>The set or map <paramref name="name"/> of table <paramref name="table"/> in nft family <paramref name="family"/>.</summary>
        public NftSet? FindSet(string family, string table, string name) =>
            setsByName.TryGetValue((family, table, name), out var set) ? set : null;
    }
}
