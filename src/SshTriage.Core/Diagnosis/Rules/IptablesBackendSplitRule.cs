using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The legacy iptables backend blocks while the nft backend (what `iptables` shows on a
    /// current system) lets the connection through: rules an admin does not see decide.
    /// </summary>
    public sealed class IptablesBackendSplitRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.IptablesBackendSplit;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Verdict == null || !context.HasRead(Firewall.FirewallSections.Names.IptablesSave, Firewall.FirewallSections.Names.NftJson) ? null : "no legacy iptables rule blocks what the other firewalls let through.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var verdict = context.Verdict;
            var rule = verdict?.DecidingRule;
            if (verdict == null || rule?.Backend != FirewallBackend.IptablesLegacy
                || (verdict.Verdict != FirewallDecision.Drop && verdict.Verdict != FirewallDecision.Reject)
                || !verdict.Backends.Any(b => b == FirewallBackend.IptablesNft || b == FirewallBackend.Nftables))
            {
                yield break;
            }

            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                $"A rule in the legacy iptables tables {(verdict.Verdict == FirewallDecision.Drop ? "drops" : "rejects")} connections from {verdict.SourceAddress} to port {verdict.Port}, while the nft-based iptables that `iptables -L` shows lets them through.",
                context.Quote("iptables-legacy-save", rule.Text))
            {
                Remedy = "Remove the rule from the legacy tables (iptables-legacy -D ...) and keep one backend; whatever still loads legacy rules at boot should move to iptables-nft or nftables.",
                RemedyCommand = context.Command("Get-FirewallRule", $"-Backend IptablesLegacy -Port {context.Port}"),
            };
        }
    }
}
