using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>One parsed rule: the public view, and the conditions and effect the walker evaluates.</summary>
    internal sealed class NftRule
    {
        public NftRule(FirewallRule rule, IReadOnlyList<NftMatch> matches, NftEffect effect)
        {
            Rule = rule;
            Matches = matches;
            Effect = effect;
        }

        public FirewallRule Rule { get; }

        /// <summary>All must hold for the effect to apply.</summary>
        public IReadOnlyList<NftMatch> Matches { get; }

        public NftEffect Effect { get; }
    }
}
