using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Causes that sshd itself writes down for the visible address: TcpWrappersDenied ("refused
    /// connect from"), MaxStartupsThrottled, PerSourcePenalty, and UserNotAllowed for the client's user.
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
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var visible = context.VisibleAddress;
            var lines = context.Log.Where(e => e.Kind == kind
                && (visible == null || visible.Equals(e.Address))
                && (kind != SshLogEventKind.NotAllowed || context.ClientUser == null || e.User == context.ClientUser)).ToList();
            if (lines.Count == 0)
            {
                yield break;
            }

            var last = lines[lines.Count - 1];
            var cause = context.Cause(Cause, CauseConfidence.Confirmed, string.Format(System.Globalization.CultureInfo.InvariantCulture, summary, last.Address, last.User), context.Quote(last.Source, $"{last.Time:yyyy-MM-dd HH:mm:ss} {last.Message}"));
            cause.Remedy = remedy;
            cause.RemedyCommand = $"Get-SshLogEvent -ComputerName {context.ComputerName} -IPAddress {last.Address} -Last 20";
            yield return cause;
        }
    }
}
