using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Evidence;
using SshTriage.Remote;

namespace SshTriage.Collection
{
    /// <summary>
    /// Work done from outside while the collector waits between two parts, in the same ssh
    /// process: Find-SshRejectCause probes the server there, so that counters and log lines read
    /// just before and just after show what the probes hit.
    /// </summary>
    public interface ICollectorPause
    {
        /// <summary>Sections read before the pause.</summary>
        IReadOnlyList<CollectorSection> Before { get; }

        /// <summary>Acts while <paramref name="target"/>'s collector waits; returns sections to read after it, besides the query's own.</summary>
        Task<IReadOnlyList<CollectorSection>> ActAsync(RemoteTarget target, CancellationToken cancellationToken);

        /// <summary>What to report, besides the error, when <paramref name="target"/>'s evidence could not be read at all.</summary>
        Task<IReadOnlyList<object>> WithoutEvidenceAsync(RemoteTarget target, CancellationToken cancellationToken);
    }
}
