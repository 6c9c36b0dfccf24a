using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Whether sshd listens where the client connects: SshdNotRunning (no sshd socket at all),
    /// NotListeningOnPort (sshd elsewhere), NotListeningOnAddress (the port only on loopback).
    /// Needs the process column of ss, so it says nothing without root.
    /// </summary>
    public sealed class ListenerRule : IRejectRule
    {
        /// <summary>Creates the rule for one of the three listener causes.</summary>
        public ListenerRule(RejectCause cause) => Cause = cause;

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Evidence.Facts.IsRoot && context.Listeners.Count > 0
                ? $"ss -ltnp: {string.Join(", ", context.Listeners.Where(l => l.Port == context.Port).Select(l => $"{l.Address}:{l.Port}").DefaultIfEmpty("nothing"))} on port {context.Port}."
                : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var listeners = context.Listeners;
            if (!context.Evidence.Facts.IsRoot || listeners.Count == 0)
            {
                yield break;
            }

            var sshd = listeners.Where(l => l.Processes.Any(p => p.Name == "sshd" || p.Name == "systemd")).ToList();
            var onPort = sshd.Where(l => l.Port == context.Port).ToList();
            var excerpt = string.Join("; ", listeners.Select(l => $"{l.Address}:{l.Port} {string.Join(",", l.Processes.Select(p => p.Name))}"));
            var ss = context.Quote("ss -H -ltnp", excerpt);
            switch (Cause)
            {
                case RejectCause.SshdNotRunning when sshd.Count == 0 && !listeners.Any(l => l.Port == context.Port):
                    yield return new SshRejectCause(context, Cause, CauseConfidence.Confirmed, $"No sshd listens on {context.ComputerName}.", ss)
                    {
                        Remedy = "Start sshd (systemctl start ssh); if it fails, check its configuration with sshd -t.",
                    };
                    break;
                // A socket unit's port is the socket-activation rule's to explain.
                case RejectCause.NotListeningOnPort when sshd.Count > 0 && onPort.Count == 0 && !sshd.Any(l => l.Processes.Any(p => p.Name == "systemd")):
                    var ports = string.Join(", ", sshd.Select(l => l.Port).Distinct());
                    yield return new SshRejectCause(context, Cause, CauseConfidence.Confirmed, $"sshd listens on port {ports}, not on {context.Port}.", ss)
                    {
                        Remedy = $"Connect to port {ports}, or set Port {context.Port} in sshd_config and reload sshd.",
                        RemedyCommand = $"Test-SshPort -ComputerName {context.ComputerName} -Port {sshd.First().Port}",
                    };
                    break;
                case RejectCause.NotListeningOnAddress when onPort.Count > 0 && onPort.All(l => IsLoopback(l.Address)):
                    yield return new SshRejectCause(context, Cause, CauseConfidence.Confirmed, $"sshd listens on port {context.Port} only on {string.Join(" and ", onPort.Select(l => l.Address))}: no other host can reach it.", ss)
                    {
                        Remedy = "Set ListenAddress to the address clients use (or remove it to listen everywhere) and reload sshd.",
                        RemedyCommand = context.Command("Get-SshdConfig", "-Sudo"),
                    };
                    break;
            }
        }

        private static bool IsLoopback(string address) => address == "127.0.0.1" || address == "::1" || address.StartsWith("127.", System.StringComparison.Ordinal);
    }
}
