using System.Collections.Generic;
using System.Linq;
using SshTriage.Sshd;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Something that is not an SSH server holds the port. The listeners (ss -ltnp as root)
    /// name the program, which confirms it without a probe (-Local, a bundle); a probe that got
    /// another protocol's answer confirms it from the client's side. A port that accepts and
    /// stays silent looks like a timeout from the client: only the listeners tell.
    /// </summary>
    public sealed class NotSshServiceRule : IRejectRule
    {
        // Programs that serve SSH on a port: sshd (and its renamed copies), systemd's socket
        // units, and the other SSH servers.
        private static readonly string[] SshServers = { "systemd", "dropbear", "tinysshd" };

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.NotSshService;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            if (context.Probe?.Status == SshPortStatus.Open)
            {
                return $"the probes from {context.Window!.Origin} got an SSH banner ({context.Probe.SoftwareVersion}).";
            }

            var onPort = ListenersOnPort(context);
            return onPort != null && onPort.Count > 0 && onPort.All(l => l.Processes.Any(p => IsSshServer(p.Name)))
                ? $"ss -ltnp: only SSH servers listen on port {context.Port} ({string.Join(", ", onPort.SelectMany(l => l.Processes).Select(p => p.Name).Distinct())})."
                : null;
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var probe = context.Probe;
            var others = ListenersOnPort(context)?.Where(l => l.Processes.Count > 0 && !l.Processes.Any(p => IsSshServer(p.Name))).ToList() ?? new List<SsListenEntry>();
            var answered = probe?.Status == SshPortStatus.NotSsh;
            if (others.Count == 0 && !answered)
            {
                yield break;
            }

            var evidence = new List<CauseEvidence>();
            if (others.Count > 0)
            {
                evidence.Add(context.Quote("ss -H -ltnp", string.Join("; ", others.Select(l => $"{l.Address}:{l.Port} {string.Join(",", l.Processes.Select(p => $"{p.Name} (pid {p.Pid})"))}"))));
            }

            if (probe != null && (answered || probe.ConnectTime != null))
            {
                evidence.Add(new CauseEvidence("client", $"Test-SshPort {probe.ComputerName} -Port {probe.Port}", $"{probe.Status} {probe.PreBannerText}".Trim()));
            }

            var program = others.SelectMany(l => l.Processes).Select(p => p.Name).Distinct().ToList();
            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                program.Count > 0
                    ? $"{string.Join(" and ", program)}, not sshd, listens on port {context.Port}{(probe?.Status == SshPortStatus.TimedOut && probe.ConnectTime != null ? ": it accepts the connection and never sends an SSH banner, so the client times out" : string.Empty)}."
                    : $"Something that is not sshd answers on port {context.Port}.",
                evidence.ToArray())
            {
                Remedy = "Stop or move the program that holds the port, or give sshd another port (and tell clients).",
                RemedyCommand = context.Command("Get-SshListener", $"-Port {context.Port} -Sudo"),
            };
        }

        private static bool IsSshServer(string name) => name.StartsWith("sshd", System.StringComparison.Ordinal) || SshServers.Contains(name);

        // The listeners on the port; null when ss could not name their programs (not root).
        private static IReadOnlyList<SsListenEntry>? ListenersOnPort(DiagnosisContext context) =>
            context.Evidence.Facts.IsRoot && context.Listeners.Count > 0 ? context.Listeners.Where(l => l.Port == context.Port).ToList() : null;
    }
}
