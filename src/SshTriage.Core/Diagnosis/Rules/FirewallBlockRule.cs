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
        public string? Checked(DiagnosisContext context) =>
            context.HasRead(Firewall.FirewallSections.Names.IptablesSave, Firewall.FirewallSections.Names.NftJson)
            && context.Verdict is FirewallVerdict verdict && verdict.Verdict != FirewallDecision.Unknown
                ? $"the firewalls on {context.ComputerName} {(verdict.Verdict == FirewallDecision.Accept ? "accept" : "decide on")} a connection from {verdict.SourceAddress} to port {verdict.Port} ({verdict.Verdict})."
                : null;

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
            var evidence = new List<CauseEvidence> { context.Quote(rule == null ? "iptables-save" : rule.Backend.ToString(), rule?.Text ?? "policy DROP") };
            var moved = context.Correlation?.MoveOf(rule);
            if (moved != null)
            {
                evidence.Add(context.Quote(rule!.Backend.ToString(), $"during the probes its counter rose by {moved.Packets} packets"));
            }

            // The walk alone predicts; the symptom the probes saw, or the rule's counter, shows it.
            var shown = moved != null
                || (context.Probe?.Status == verdict.ExpectedSymptom && (context.Correlation == null || rule?.Packets == null));
            if (context.Window == null)
            {
                evidence.Add(context.Quote("Find-SshRejectCause", "no probe ran (a saved bundle, or -Local): the verdict comes from the rules alone"));
            }

            yield return new SshRejectCause(
                context,
                Cause,
                shown ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"{where} {(wanted == FirewallDecision.Drop ? "drops" : "rejects")} connections from {verdict.SourceAddress} to port {verdict.Port}: the client sees {verdict.ExpectedSymptom}.",
                evidence.ToArray())
            {
                Remedy = $"Allow {verdict.SourceAddress} (or its network) to port {verdict.Port} before {where}, with the tool that manages it ({rule?.Owner ?? rule?.Backend.ToString() ?? "iptables"}).",
                RemedyCommand = context.Command("Get-FirewallRule", $"-Port {verdict.Port} -SourceAddress {verdict.SourceAddress}"),
            };
        }
    }
}
