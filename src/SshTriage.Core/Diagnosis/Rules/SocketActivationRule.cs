using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Sshd;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// systemd's ssh.socket owns the listening socket (Ubuntu 22.10 and later): its ListenStream,
    /// not sshd_config's Port, decides the port, so a Port change alone moves nothing.
    /// </summary>
    public sealed class SocketActivationRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.SocketActivationOverride;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            SshSockets(context).Count == 0 ? null : $"systemd's ssh socket listens on port {context.Port}.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var sockets = SshSockets(context);
            if (sockets.Count == 0 || sockets.Any(s => Port(s.Listen) == context.Port))
            {
                yield break;
            }

            var configured = context.Config?.Port ?? System.Array.Empty<int>();
            var listens = string.Join(", ", sockets.Select(s => s.Listen));
            yield return new SshRejectCause(
                context,
                Cause,
                configured.Contains(context.Port) ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"systemd's {sockets[0].Unit} listens on {listens} and starts sshd per connection: sshd_config's Port {string.Join(", ", configured)} does not apply, so nothing listens on port {context.Port}.",
                sockets.Select(s => context.Quote("systemctl list-sockets", $"{s.Listen} {s.Unit} {s.Activates}")).ToArray())
            {
                Remedy = $"Set the port in the socket unit (systemctl edit {sockets[0].Unit}: an empty ListenStream= line, then ListenStream={context.Port}), run systemctl daemon-reload and restart {sockets[0].Unit}; or disable the socket and enable ssh.service.",
                RemedyCommand = context.Command("Get-SshListener", "-Sudo"),
            };
        }

        private static IReadOnlyList<SystemdSocket> SshSockets(DiagnosisContext context)
        {
            var record = context.Evidence.Bundle[CollectorSections.Names.SystemdSockets];
            return record == null || !record.Succeeded
                ? global::System.Array.Empty<global::SshTriage.Sshd.SystemdSocket>()
                : SystemdSocketParser.Parse(record.StandardOutput).Where(s => s.Unit.StartsWith("ssh", System.StringComparison.Ordinal)).ToList();
        }

        // "[::]:22", "0.0.0.0:22" or "22".
        private static int? Port(string listen)
        {
            var colon = listen.LastIndexOf(':');
            return int.TryParse(colon < 0 ? listen : listen.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : (int?)null;
        }
    }
}
