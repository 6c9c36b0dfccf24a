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

        /// <summary>A cause's evidence: what shows the state, then sshd's line when there is one.</summary>
        public static CauseEvidence[] Evidence(CauseEvidence state, CauseEvidence? proof) => proof == null ? new[] { state } : new[] { state, proof };
    }
}
