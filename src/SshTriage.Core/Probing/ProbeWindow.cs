using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Operations;

namespace SshTriage.Probing
{
    /// <summary>What the probes from the client side saw while the server's collector waited.</summary>
    /// <param name="Origin">Where the probes started: this machine, or the host given with -FromHost.</param>
    /// <param name="OriginAddress">The address the probes left from, when known.</param>
    /// <param name="Probes">Each probe's result.</param>
    /// <param name="Failure">Why no probe ran, when the origin could not be used.</param>
    /// <param name="Client">The failing client's own ssh configuration and known_hosts for the server, when the probes ran there (-FromHost).</param>
    public sealed record ProbeWindow(string Origin, IPAddress? OriginAddress, IReadOnlyList<SshPortResult> Probes, TriageError? Failure = null, ClientView? Client = null)
    {
        /// <summary>
        /// How many connections a diagnosis makes: enough for counters to move visibly, few
        /// enough that OpenSSH 9.8+'s PerSourcePenalties (one second per unauthenticated
        /// connection, fifteen before it refuses) never notice.
        /// </summary>
        public const int ProbeCount = 3;

        /// <summary>What most probes saw; null when none ran.</summary>
        public SshPortResult? Symptom => Probes
            .GroupBy(p => p.Status)
            .OrderByDescending(g => g.Count())
            .Select(g => g.First())
            .FirstOrDefault();
    }
}
