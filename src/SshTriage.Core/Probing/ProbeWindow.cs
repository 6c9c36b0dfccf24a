using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Operations;

namespace SshTriage.Probing
{
    /// <summary>What the probes from the client side saw while the server's collector waited.</summary>
    public sealed class ProbeWindow
    {
        /// <summary>
        /// How many connections a diagnosis makes: enough for counters to move visibly, few
        /// enough that OpenSSH 9.8+'s PerSourcePenalties (one second per unauthenticated
        /// connection, fifteen before it refuses) never notice.
        /// </summary>
        public const int ProbeCount = 3;

        /// <summary>Creates the outcome of one probe window.</summary>
        public ProbeWindow(string origin, IPAddress? originAddress, IReadOnlyList<SshPortResult> probes, TriageError? failure = null, ClientView? client = null)
        {
            Client = client;
            Origin = origin;
            OriginAddress = originAddress;
            Probes = probes;
            Failure = failure;
        }

        /// <summary>The failing client's own ssh configuration and known_hosts for the server, when the probes ran there (-FromHost).</summary>
        public ClientView? Client { get; }

        /// <summary>Where the probes started: this machine, or the host given with -FromHost.</summary>
        public string Origin { get; }

        /// <summary>The address the probes left from, when known.</summary>
        public IPAddress? OriginAddress { get; }

        /// <summary>Each probe's result.</summary>
        public IReadOnlyList<SshPortResult> Probes { get; }

        /// <summary>Why no probe ran, when the origin could not be used.</summary>
        public TriageError? Failure { get; }

        /// <summary>What most probes saw; null when none ran.</summary>
        public SshPortResult? Symptom => Probes
            .GroupBy(p => p.Status)
            .OrderByDescending(g => g.Count())
            .Select(g => g.First())
            .FirstOrDefault();
    }
}
