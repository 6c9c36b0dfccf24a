using System.Collections.Generic;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// A firewall rule (not one of Fail2Ban's, which its own rules explain) drops or rejects the
    /// connection from the visible address: FirewallDrop or FirewallReject, with the deciding rule.
    /// </summary>
    public sealed class FirewallBlockRule : IRejectRule
    {
        /// <summary>Creates the rule for Drop or Reject.</summary>
        public FirewallBlockRule(RejectCause cause) => Cause = cause;

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var verdict = context.Verdict;
            var wanted = Cause == RejectCause.FirewallDrop ? FirewallDecision.Drop : FirewallDecision.Reject;
            if (verdict == null || verdict.Verdict != wanted || (verdict.DecidingRule?.Owner?.StartsWith("fail2ban", System.StringComparison.Ordinal) ?? false))
            {
                yield break;
            }

            // A legacy rule that the nft side does not show is the backend split's to explain.
            if (verdict.DecidingRule?.Backend == FirewallBackend.IptablesLegacy
                && System.Linq.Enumerable.Any(verdict.Backends, b => b == FirewallBackend.IptablesNft || b == FirewallBackend.Nftables))
            {
                yield break;
            }

            var rule = verdict.DecidingRule;
            var where = rule == null ? "the INPUT chain's policy" : $"{rule.Backend} {rule.Table}/{rule.Chain} rule {rule.Index}";
            var confidence = context.Probe == null || context.Probe.Status == verdict.ExpectedSymptom ? CauseConfidence.Confirmed : CauseConfidence.Likely;
            var cause = context.Cause(
                Cause,
                confidence,
                $"{where} {(wanted == FirewallDecision.Drop ? "drops" : "rejects")} connections from {verdict.SourceAddress} to port {verdict.Port}: the client sees {verdict.ExpectedSymptom}.",
                context.Quote(rule == null ? "iptables-save" : rule.Backend.ToString(), rule?.Text ?? "policy DROP"));
            cause.Remedy = $"Allow {verdict.SourceAddress} (or its network) to port {verdict.Port} before {where}, with the tool that manages it ({rule?.Owner ?? rule?.Backend.ToString() ?? "iptables"}).";
            cause.RemedyCommand = $"Get-FirewallRule -ComputerName {context.ComputerName} -Port {verdict.Port} -SourceAddress {verdict.SourceAddress}";
            yield return cause;
        }
    }
}
