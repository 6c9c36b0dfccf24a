using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>
    /// One rule as <see cref="NftRuleCompiler"/> reads it while nft's objects stream past: its
    /// conditions and effect, and the columns of its public view. The view is made once the
    /// whole rule set is read, as only then is it known whether iptables-nft manages the table.
    /// </summary>
    internal sealed class NftRuleDraft
    {
        public NftRuleDraft(NftChain chain, int index, string text)
        {
            Chain = chain;
            Index = index;
            Text = text;
        }

        public NftChain Chain { get; }

        /// <summary>The rule's position in its chain, from 1.</summary>
        public int Index { get; }

        /// <summary>The rule as nft would print it.</summary>
        public string Text { get; }

        public FirewallRuleColumns Columns { get; } = new FirewallRuleColumns();

        public IReadOnlyList<NftMatch> Matches { get; set; } = System.Array.Empty<NftMatch>();

        public NftEffect Effect { get; set; } = NftEffect.Continue;

        /// <summary>The rule, its view owned by iptables-nft when <paramref name="iptablesNft"/> and nothing else claims it.</summary>
        public NftRule Finish(string computerName, bool iptablesNft)
        {
            Columns.Owner = NftOwners.OfRule(Chain.Table, Chain.Name, Columns.JumpTarget, Columns.Set) ?? (iptablesNft ? "iptables-nft" : null);
            var view = Columns.ToRule(computerName, FirewallBackend.Nftables, NftRuleCompiler.FamilyName(Chain.Family), Chain.Table, Chain.Name, Index, Text);
            return new NftRule(view, Matches, Effect);
        }
    }
}
