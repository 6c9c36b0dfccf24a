using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Causes that sshd itself writes down for the visible address: TcpWrappersDenied ("refused
    /// connect from"), MaxStartupsThrottled, PerSourcePenalty, and, for the client's user,
    /// UserNotAllowed and RefusedByConfig. A refusal of the connection itself is Confirmed when
    /// the probes brought a new line; an older line alone shows it happened, not that it still does.
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

        // sshd refuses these once the client names its user, which a probe never does.
        private bool AboutUser => kind == SshLogEventKind.NotAllowed || kind == SshLogEventKind.RefusedByConfig;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Log.Count == 0 ? null : $"sshd's log ({context.Log.Count} lines read) has no {kind} line{(context.VisibleAddress == null ? string.Empty : " for " + context.VisibleAddress)}.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var visible = context.VisibleAddress;
            var lines = context.Log.Where(e => e.Kind == kind
                && (visible == null || visible.Equals(e.Address))
                && (!AboutUser || context.ClientUser == null || e.User == context.ClientUser)).ToList();
            if (lines.Count == 0)
            {
                yield break;
            }

            var fresh = context.Correlation?.NewLog?.Where(e => lines.Contains(e)).ToList();
            var last = fresh != null && fresh.Count > 0 ? fresh[fresh.Count - 1] : lines[lines.Count - 1];
            var confidence = AboutUser || (fresh != null && fresh.Count > 0) ? CauseConfidence.Confirmed : CauseConfidence.Likely;
            var when = fresh == null || AboutUser ? string.Empty : fresh.Count > 0 ? "during the probes: " : "before the probes, none since: ";
            var cause = context.Cause(Cause, confidence, string.Format(System.Globalization.CultureInfo.InvariantCulture, summary, last.Address, last.User), context.Quote(last.Source, $"{when}{last.Time:yyyy-MM-dd HH:mm:ss} {last.Message}"));
            cause.Remedy = remedy;
            cause.RemedyCommand = $"Get-SshLogEvent -ComputerName {context.ComputerName} -IPAddress {last.Address} -Last 20";
            yield return cause;
        }
    }
}
