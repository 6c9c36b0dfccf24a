using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Causes that sshd itself writes down for the visible address: MaxStartupsThrottled and
    /// PerSourcePenalty. Confirmed when the probes
    /// brought a new line; an older line alone shows it happened, not that it still does. The
    /// log only reports what other state decides, so a missing line rules nothing out.
    /// </summary>
    public sealed class LogEvidenceRule : IRejectRule
    {
        private readonly SshLogEventKind kind;
        private readonly string summary;
        private readonly string remedy;

        /// <summary>Creates the rule for <paramref name="cause"/>, shown by log lines of <paramref name="kind"/>.</summary>
        public LogEvidenceRule(RejectCause cause, SshLogEventKind kind, string summary, string remedy)
        {
            Cause = cause;
            this.kind = kind;
            this.summary = summary;
            this.remedy = remedy;
        }

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var lines = LogLines.Of(context, kind, forUser: false);
            if (lines.Count == 0)
            {
                yield break;
            }

            var fresh = context.Correlation?.NewLog?.Where(e => lines.Contains(e)).ToList();
            var last = fresh != null && fresh.Count > 0 ? fresh[fresh.Count - 1] : lines[lines.Count - 1];
            var confidence = fresh != null && fresh.Count > 0 ? CauseConfidence.Confirmed : CauseConfidence.Likely;
            var when = fresh == null ? string.Empty : fresh.Count > 0 ? "during the probes: " : "before the probes, none since: ";
            yield return new SshRejectCause(context, Cause, confidence, string.Format(System.Globalization.CultureInfo.InvariantCulture, summary, last.Address, last.User), LogLines.Quote(context, last, when))
            {
                Remedy = remedy,
                RemedyCommand = context.Command("Get-SshLogEvent", $"-IPAddress {last.Address} -Last 20"),
            };
        }
    }
}
