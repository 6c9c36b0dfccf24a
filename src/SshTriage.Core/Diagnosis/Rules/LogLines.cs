using System.Collections.Generic;
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
            context.Quote(line.Source, $"{when}{line.Time:yyyy-MM-dd HH:mm:ss} {line.Message}");
    }
}
