using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>One parsed rule: the public view, and the conditions and effect the walker evaluates.</summary>
    /// <param name="Rule">The rule as Get-FirewallRule shows it.</param>
    /// <param name="Matches">All must hold for the effect to apply.</param>
    /// <param name="Effect">What the rule does when they hold.</param>
    internal sealed record NftRule(FirewallRule Rule, IReadOnlyList<NftMatch> Matches, NftEffect Effect);
}
