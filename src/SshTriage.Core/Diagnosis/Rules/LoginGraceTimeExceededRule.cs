using System;
using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The login did not finish within LoginGraceTime. OpenSSH 9.8+ logs "Timeout before authentication
    /// for connection from ..."; older sshd (its signal handler no longer logs, since CVE-2024-6387's
    /// fix) ends the connection without a word, so a "Connection from" line after which its process
    /// wrote nothing for longer than LoginGraceTime shows it too, less surely. Something held the login
    /// up: a slow lookup on the server, a prompt nobody answered, a client stuck before it sent its key.
    /// </summary>
    public sealed class LoginGraceTimeExceededRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.LoginGraceTimeExceeded;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            if (!(GraceRanOut(context) is var (line, said)))
            {
                yield break;
            }

            var grace = GraceSeconds(context);
            yield return new SshRejectCause(
                context,
                Cause,
                said ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"sshd closed {line.Address}'s connection before the login finished: LoginGraceTime ({(grace == null ? "its limit" : grace + " s")}) ran out{(said ? string.Empty : " (this sshd ends such a connection without a log line; the connection's process wrote nothing after it arrived)")}.",
                LogLines.Evidence(LogLines.Quote(context, line, said ? string.Empty : "then nothing more from this connection: "), context.LoginSetting("logingracetime")?.Evidence))
            {
                Remedy = "Find what holds the login up: a slow lookup of the client on the server (UseDNS, GSSAPIAuthentication), a password prompt left unanswered, a client that stalls before it offers its key (ssh -vvv shows where). Raise LoginGraceTime only for logins that are slow for a known reason.",
                RemedyCommand = context.Command("Get-SshLogEvent", $"-IPAddress {line.Address} -Last 20"),
            };
        }

        /// <summary>
        /// The newest sign that LoginGraceTime ran out for the visible address: sshd's timeout line (Said),
        /// or else a "Connection from" line its process never followed, older than LoginGraceTime when the
        /// collector ran (needs LoginGraceTime from sshd -T). Null when there is neither.
        /// </summary>
        internal static (SshLogEvent Line, bool Said)? GraceRanOut(DiagnosisContext context)
        {
            var said = LogLines.Of(context, SshLogEventKind.LoginGraceTimeout, forUser: false).LastOrDefault();
            if (said != null)
            {
                return (said, true);
            }

            var grace = GraceSeconds(context);
            var log = context.Log;
            var newest = context.Evidence.Facts.CollectedAt ?? log.LastOrDefault(e => e.Time != null)?.Time;
            if (grace == null || grace.Value == 0 || newest == null)
            {
                return null;
            }

            // Both times are in whole seconds, so a connection LoginGraceTime old may show exactly that difference.
            var silent = LogLines.Of(context, SshLogEventKind.ConnectionFrom, forUser: false)
                .LastOrDefault(c => c.Time != null && c.ProcessId != null && newest.Value - c.Time.Value >= TimeSpan.FromSeconds(grace.Value)
                    && !log.Any(e => !ReferenceEquals(e, c) && e.ProcessId == c.ProcessId && e.Program == c.Program && e.Time >= c.Time));
            return silent == null ? null : (silent, false);
        }

        /// <summary>LoginGraceTime in seconds for the client's login (sshd -T), when read.</summary>
        internal static int? GraceSeconds(DiagnosisContext context) =>
            context.LoginSetting("logingracetime") is var (value, _) && Text.AsciiNumber.TryParseInt32(value, out var seconds) ? seconds : (int?)null;
    }
}
