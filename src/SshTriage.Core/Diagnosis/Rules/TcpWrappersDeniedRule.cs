using System.Collections.Generic;
using System.Linq;
using SshTriage.TcpWrappers;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// TCP wrappers refuse the address sshd sees. libwrap reads hosts.allow and hosts.deny at every
    /// connection, so the files decide: a rule that denies the address, with sshd linked with
    /// libwrap, is Likely, and Confirmed when sshd's "refused connect from" line or a probe closed
    /// before the banner shows it biting. A denying rule that depends on the client's host name is
    /// Possible. Files that admit the address clear the cause; a "refused connect" line alone
    /// (the files not read) shows it as before.
    /// </summary>
    public sealed class TcpWrappersDeniedRule : IRejectRule
    {
        private const string Remedy = "Allow the client in /etc/hosts.allow (sshd: ADDRESS) before the rule that denies it, or remove that rule; libwrap reads the files at every connection, so no restart is needed.";

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.TcpWrappersDenied;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var verdict = Decide(context);
            return verdict != null && verdict.Decision == TcpWrappersDecision.Granted && LogLines.Of(context, SshLogEventKind.RefusedConnect, forUser: false).Count == 0
                ? verdict.Reason + "."
                : null;
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var lines = LogLines.Of(context, SshLogEventKind.RefusedConnect, forUser: false);
            var fresh = context.Correlation?.NewLog?.Where(e => lines.Contains(e)).ToList();
            var freshLine = fresh != null && fresh.Count > 0 ? fresh[fresh.Count - 1] : null;
            var last = freshLine ?? (lines.Count > 0 ? lines[lines.Count - 1] : null);
            var when = fresh == null ? string.Empty : freshLine != null ? "during the probes: " : "before the probes, none since: ";
            var logged = last == null ? null : LogLines.Quote(context, last, when);
            var verdict = Decide(context);
            (CauseConfidence Confidence, string Summary, CauseEvidence[] Evidence) found;
            if (verdict != null && verdict.Decision == TcpWrappersDecision.Denied)
            {
                var bit = freshLine != null || context.Probe?.Status == SshPortStatus.ClosedBeforeBanner;
                var evidence = new List<CauseEvidence> { context.Quote("tcp-wrappers: " + verdict.Rule!.File, verdict.Rule.ToString()) };
                if (logged != null)
                {
                    evidence.Add(logged);
                }

                found = (bit ? CauseConfidence.Confirmed : CauseConfidence.Likely, $"TCP wrappers deny {context.VisibleAddress}: {verdict.Reason}.", evidence.ToArray());
            }
            else if (last == null && verdict != null && verdict.Decision == TcpWrappersDecision.Undecided && verdict.Rule != null && !verdict.Rule.Grants(verdict.Rule.File == TcpWrappersEvidence.AllowFile))
            {
                found = (CauseConfidence.Possible, $"TCP wrappers may deny {context.VisibleAddress}: {verdict.Reason}.", new[] { context.Quote("tcp-wrappers: " + verdict.Rule.File, verdict.Rule.ToString()) });
            }
            else if (last != null)
            {
                if (verdict != null && verdict.Decision == TcpWrappersDecision.Granted)
                {
                    found = (CauseConfidence.Possible, $"TCP wrappers refused {last.Address} before, but the files admit it now ({verdict.Reason}).", new[] { logged! });
                }
                else
                {
                    found = (freshLine != null ? CauseConfidence.Confirmed : CauseConfidence.Likely, $"TCP wrappers (hosts.deny) refuse {last.Address}.", new[] { logged! });
                }
            }
            else
            {
                yield break;
            }

            yield return new SshRejectCause(context, Cause, found.Confidence, found.Summary, found.Evidence)
            {
                Remedy = Remedy,
                RemedyCommand = context.Command("Get-SshLogEvent", $"-IPAddress {context.VisibleAddress ?? last!.Address} -Last 20"),
            };
        }

        private static TcpWrappersVerdict? Decide(DiagnosisContext context) =>
            context.TcpWrappers == null || context.VisibleAddress == null ? null : context.TcpWrappers.Decide(context.VisibleAddress);
    }
}
