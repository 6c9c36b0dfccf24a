using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;

namespace SshTriage.Sshd
{
    /// <summary>Get-SshListener's reading of the evidence: ss's listening sockets joined with systemd's socket units.</summary>
    public sealed class ListenerReader
    {
        private readonly HashSet<int> ports;

        /// <summary>Creates a reader for <paramref name="ports"/>; with none, sockets of sshd, of ssh socket units, and on port 22.</summary>
        public ListenerReader(IEnumerable<int>? ports) => this.ports = new HashSet<int>(ports ?? Array.Empty<int>());

        /// <summary>The collector sections this reader reads.</summary>
        public static IReadOnlyList<CollectorSection> Sections { get; } = new[] { CollectorSections.Listeners, CollectorSections.SystemdSockets };

        /// <summary>The listeners and errors the evidence shows.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence)
        {
            var ss = evidence.Bundle[CollectorSections.Names.Listeners];
            if (ss == null)
            {
                yield return EvidenceErrors.SectionMissing(evidence, "listening sockets", CollectorSections.Names.Listeners);
                yield break;
            }

            if (ss.MissingTool != null)
            {
                yield return EvidenceErrors.ToolMissing(evidence, ss, "the listening sockets");
                yield break;
            }

            if (!ss.Succeeded)
            {
                yield return EvidenceErrors.CommandFailed(evidence, ss, "ss -H -ltnp");
                yield break;
            }

            var sockets = SystemdSocketsOf(evidence);
            var entries = SsListenParser.Parse(ss.StandardOutput);
            var processesHidden = entries.Count > 0 && entries.All(e => e.Processes.Count == 0) && !evidence.Facts.IsRoot;
            foreach (var entry in entries)
            {
                var process = entry.Processes.Count > 0 ? entry.Processes[0] : ((string Name, int Pid)?)null;
                var unit = sockets.FirstOrDefault(s => SsListenParser.TrySplitEndpoint(s.Listen, out _, out _, out var port) && port == entry.Port);
                var socketActivated = unit != null || process?.Name == "systemd";
                var listener = new SshListener(evidence.ComputerName, entry.Address, entry.Port, process?.Name, process?.Pid, socketActivated, unit?.Unit);
                if (Wanted(listener))
                {
                    yield return listener;
                }
            }

            if (processesHidden)
            {
                yield return EvidenceErrors.NeedsRoot(evidence, "Seeing which process owns a socket");
            }
        }

        private bool Wanted(SshListener listener)
        {
            if (ports.Count > 0)
            {
                return ports.Contains(listener.Port);
            }

            return listener.Port == 22
                || (listener.Process?.StartsWith("sshd", StringComparison.Ordinal) ?? false)
                || (listener.Unit?.IndexOf("ssh", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static IReadOnlyList<SystemdSocket> SystemdSocketsOf(ServerEvidence evidence)
        {
            var record = evidence.Bundle[CollectorSections.Names.SystemdSockets];
            return record != null && record.Succeeded ? SystemdSocketParser.Parse(record.StandardOutput) : Array.Empty<SystemdSocket>();
        }
    }
}
