using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// The order of the causes: Confirmed, then Likely, then Possible, each in the order the
    /// rules found them; but a cause that explains another comes right before it and ranks as
    /// high as it (an invalid configuration before "sshd is not running", even when only the
    /// latter is Confirmed), and the explained result names its explanation.
    /// </summary>
    public static class CauseRanking
    {
        /// <summary>Which cause explains which, and why, in words.</summary>
        public static IReadOnlyList<(RejectCause Cause, RejectCause Explains, string Why)> Explanations { get; } = new[]
        {
            (RejectCause.SshdConfigInvalid, RejectCause.SshdNotRunning, "sshd cannot start with a configuration that sshd -t refuses"),
            (RejectCause.SELinuxPortDenied, RejectCause.SshdNotRunning, "SELinux refuses sshd the port, so sshd exits as it starts"),
            (RejectCause.SELinuxPortDenied, RejectCause.NotListeningOnPort, "SELinux refuses sshd the port"),
            (RejectCause.SocketActivationOverride, RejectCause.NotListeningOnPort, "the socket unit, not sshd_config, decides the port"),
            (RejectCause.NotSshService, RejectCause.SshdNotRunning, "another program holds the port, so sshd cannot bind it"),
            (RejectCause.NotSshService, RejectCause.NotListeningOnPort, "another program holds the port"),
            (RejectCause.LoginDelayDns, RejectCause.LoginGraceTimeExceeded, "the server's lookup of the client uses up the grace time"),
            (RejectCause.PasswordAuthDisabled, RejectCause.EmptyPasswordRefused, "the server takes no password at all, empty or not"),
            (RejectCause.PublicKeyNotAuthorized, RejectCause.TooManyAuthFailures, "no key the client offers is authorized, so each one fails until MaxAuthTries"),
        };

        /// <summary>Ranks <paramref name="causes"/> (one server's or several); explained ones get <see cref="SshRejectCause.ExplainedBy"/> and say so.</summary>
        public static List<SshRejectCause> Rank(IEnumerable<SshRejectCause> causes)
        {
            var byConfidence = causes.OrderBy(c => c.Confidence).ToList();
            var children = new Dictionary<SshRejectCause, List<SshRejectCause>>();
            var explained = new Dictionary<SshRejectCause, SshRejectCause>();
            var roots = new List<SshRejectCause>();
            foreach (var cause in byConfidence)
            {
                var explanation = Explanations
                    .Select(e => (e.Why, By: e.Explains == cause.Cause ? byConfidence.FirstOrDefault(c => c.Cause == e.Cause && c.ComputerName == cause.ComputerName && c.Port == cause.Port) : null))
                    .FirstOrDefault(e => e.By != null);
                if (explanation.By == null)
                {
                    roots.Add(cause);
                    continue;
                }

                explained[cause] = cause.ExplainedAs(explanation.By.Cause, explanation.Why);
                if (!children.TryGetValue(explanation.By, out var list))
                {
                    children[explanation.By] = list = new List<SshRejectCause>();
                }

                list.Add(cause);
            }

            CauseConfidence Best(SshRejectCause cause) =>
                children.TryGetValue(cause, out var explains) ? explains.Select(Best).Concat(new[] { cause.Confidence }).Min() : cause.Confidence;

            var ranked = new List<SshRejectCause>();
            void Add(SshRejectCause cause)
            {
                ranked.Add(explained.TryGetValue(cause, out var copy) ? copy : cause);
                if (children.TryGetValue(cause, out var explains))
                {
                    explains.ForEach(Add);
                }
            }

            foreach (var root in roots.OrderBy(Best))
            {
                Add(root);
            }

            return ranked;
        }
    }
}
