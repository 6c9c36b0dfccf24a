using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using SshTriage.Evidence;
using SshTriage.Probing;
using SshTriage.Server;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// Find-SshRejectCause's work for one server: probe it from this machine (as the failing
    /// client would), read the server's evidence in the same collector run as everything else
    /// (plus the server's route back to the client), and rank the causes the rules find.
    /// </summary>
    public sealed class CauseReport
    {
        private readonly int port;
        private readonly IPAddress? clientAddress;
        private readonly string? clientUser;
        private readonly SshPortProbe? probe;
        private readonly CancellationToken cancellationToken;

        /// <summary>Creates a report; <paramref name="probeTimeout"/> null means no probe (a saved bundle).</summary>
        public CauseReport(int port, IPAddress? clientAddress, string? clientUser, TimeSpan? probeTimeout, CancellationToken cancellationToken)
        {
            this.port = port;
            this.clientAddress = clientAddress;
            this.clientUser = clientUser;
            this.cancellationToken = cancellationToken;
            probe = probeTimeout.HasValue ? new SshPortProbe(probeTimeout.Value) : null;
            var sections = new List<CollectorSection>(CollectorSections.All);
            if (clientAddress != null)
            {
                sections.Add(RouteToClient(clientAddress));
            }

            Sections = sections;
        }

        /// <summary>Section name of the server's route back to the client.</summary>
        public const string RouteSection = "route-to-client";

        /// <summary>Every section the diagnosis reads: the full collector and the route to the client.</summary>
        public IReadOnlyList<CollectorSection> Sections { get; }

        /// <summary>The ranked causes for one server's evidence.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence)
        {
            var probed = probe == null ? null : Probe(evidence.ComputerName);
            var client = clientAddress ?? probed?.LocalAddress;
            var route = evidence.Bundle[RouteSection] is EvidenceRecord record && record.Succeeded ? record.StandardOutput : null;
            return Diagnoser.Diagnose(new DiagnosisContext(evidence, port, client, clientUser, probed, route));
        }

        // One connection, as the client makes it: the first address the name resolves to.
        private SshPortResult? Probe(string computerName)
        {
            if (!ComputerNameParser.TryParse(computerName, out var literal, out _))
            {
                return null;
            }

            var address = literal;
            if (address == null)
            {
                try
                {
                    var addresses = Dns.GetHostAddresses(computerName);
                    address = addresses.Length > 0 ? addresses[0] : null;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    return null;
                }
            }

            return address == null ? null : probe!.ProbeAsync(computerName, address, port, cancellationToken).GetAwaiter().GetResult();
        }

        private static CollectorSection RouteToClient(IPAddress client) =>
            new CollectorSection(RouteSection, "ip", "ip route get " + ShellQuote.Single(client.ToString()));
    }
}
