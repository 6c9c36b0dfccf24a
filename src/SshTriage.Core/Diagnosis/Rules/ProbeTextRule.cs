using System.Collections.Generic;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Causes the client-side probe shows by itself: MaxStartupsThrottled or PerSourcePenalty
    /// (sshd's words before it closes).
    /// </summary>
    public sealed class ProbeTextRule : IRejectRule
    {
        /// <summary>Creates the rule for one of the causes a probe shows.</summary>
        public ProbeTextRule(RejectCause cause) => Cause = cause;

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            // Only sshd's banner rules these out; a penalty is per source, so only from the client's own address.
            var probe = context.Probe;
            if (probe?.Status != SshPortStatus.Open
                || (Cause == RejectCause.PerSourcePenalty && context.ClientAddress != null && !context.ClientAddress.Equals(context.Window!.OriginAddress)))
            {
                return null;
            }

            return $"the probes from {context.Window!.Origin} got sshd's banner ({probe.SoftwareVersion}).";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var probe = context.Probe;
            if (probe == null)
            {
                yield break;
            }

            var text = probe.PreBannerText ?? string.Empty;
            var quote = new CauseEvidence("client", $"Test-SshPort {probe.ComputerName} -Port {probe.Port}", $"{probe.Status} {text}".Trim());
            if (Cause == RejectCause.MaxStartupsThrottled && text.IndexOf("MaxStartups", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                yield return new SshRejectCause(context, Cause, CauseConfidence.Confirmed, "sshd drops new connections: too many unauthenticated connections are open (MaxStartups).", quote)
                {
                    Remedy = "Find who holds unauthenticated connections open (Get-SshLogEvent), lower LoginGraceTime, or raise MaxStartups.",
                };
            }
            else if (Cause == RejectCause.PerSourcePenalty && text.IndexOf("Not allowed at this time", System.StringComparison.Ordinal) >= 0)
            {
                yield return new SshRejectCause(context, Cause, CauseConfidence.Likely, "sshd refuses this source for now (OpenSSH 9.8+ PerSourcePenalties, or RefuseConnection).", quote)
                {
                    Remedy = "Wait for the penalty to expire, and stop what failed its logins; PerSourcePenaltyExemptList exempts trusted sources.",
                };
            }
        }
    }
}
