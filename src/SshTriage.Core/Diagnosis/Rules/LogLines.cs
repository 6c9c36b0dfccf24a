using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>sshd's log lines of one kind about the visible address (and the client's user), the way the rules quote them.</summary>
    internal static class LogLines
    {
        /// <summary>Lines of <paramref name="kind"/> for the visible address; with <paramref name="forUser"/>, only the client's user's (when known).</summary>
        public static IReadOnlyList<SshLogEvent> Of(DiagnosisContext context, SshLogEventKind kind, bool forUser)
        {
            var visible = context.VisibleAddress;
            return context.Log.Where(e => e.Kind == kind
                && (visible == null || visible.Equals(e.Address))
                && (!forUser || context.ClientUser == null || e.User == context.ClientUser)).ToList();
        }

        /// <summary>One line as evidence, with its time.</summary>
        public static CauseEvidence Quote(DiagnosisContext context, SshLogEvent line, string when = "") =>
            context.Quote(line.Source, $"{when}{line.Time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {line.Message}");

        /// <summary>
        /// The newest line of <paramref name="kind"/> for the visible address that <paramref name="says"/> accepts, quoted:
        /// sshd's own word that a cause is happening. Null when there is none.
        /// </summary>
        public static CauseEvidence? Proof(DiagnosisContext context, SshLogEventKind kind, Func<SshLogEvent, bool> says)
        {
            var line = Of(context, kind, forUser: false).LastOrDefault(says);
            return line == null ? null : Quote(context, line);
        }

        /// <summary>
        /// How long sshd kept the client's newest login waiting: from its "Connection from" line to the
        /// first line of the same process about the login (a result, a refusal, a timeout). Connections
        /// that never reached the login (the probes') do not count. Null when no login shows with times.
        /// </summary>
        public static (SshLogEvent Connection, SshLogEvent Answer, int Seconds)? LastLoginWait(DiagnosisContext context)
        {
            var visible = context.VisibleAddress;
            var log = context.Log;
            for (var i = log.Count - 1; i >= 0; i--)
            {
                var connection = log[i];
                if (connection.Kind != SshLogEventKind.ConnectionFrom || connection.Time == null || (visible != null && !visible.Equals(connection.Address)))
                {
                    continue;
                }

                var answer = log.Skip(i + 1).FirstOrDefault(e => e.ProcessId == connection.ProcessId && e.Program == connection.Program && e.Time != null && AboutTheLogin(e));
                if (answer != null)
                {
                    return (connection, answer, (int)(answer.Time!.Value - connection.Time.Value).TotalSeconds);
                }
            }

            return null;
        }

        private static bool AboutTheLogin(SshLogEvent line) => line.Kind switch
        {
            SshLogEventKind.ConnectionClosed or SshLogEventKind.Disconnected => line.User != null,
            SshLogEventKind.Accepted or SshLogEventKind.Failed or SshLogEventKind.InvalidUser or SshLogEventKind.NotAllowed or SshLogEventKind.TooManyAuthFailures
                or SshLogEventKind.LoginGraceTimeout or SshLogEventKind.RootLoginRefused or SshLogEventKind.AccountExpired or SshLogEventKind.KeyTypeRejected or SshLogEventKind.BadModes => true,
            _ => false,
        };

        /// <summary>A cause's evidence: what shows the state, then sshd's line when there is one.</summary>
        public static CauseEvidence[] Evidence(CauseEvidence state, CauseEvidence? proof) => proof == null ? new[] { state } : new[] { state, proof };
    }
}
