using System;
using System.Collections.Generic;
using SshTriage.Evidence;

namespace SshTriage.Collection
{
    /// <summary>
    /// What a server-side cmdlet reads and how: the collector sections it needs, the reading that
    /// turns their evidence into output objects and errors, and the work done while the collector
    /// waits, when there is any. <see cref="EvidencePlans"/> builds one per cmdlet.
    /// </summary>
    public sealed class EvidencePlan
    {
        private readonly Func<ServerEvidence, IEnumerable<object>> read;

        /// <summary>
        /// Creates a plan. <paramref name="read"/> runs off the caller's thread, so it must only read;
        /// with <paramref name="pause"/>, the collector stops between the pause's sections and the rest.
        /// </summary>
        public EvidencePlan(IReadOnlyList<CollectorSection> sections, Func<ServerEvidence, IEnumerable<object>> read, ICollectorPause? pause = null)
        {
            Sections = sections;
            this.read = read;
            Pause = pause;
        }

        /// <summary>The sections the collector runs after the meta section (after the pause, when there is one).</summary>
        public IReadOnlyList<CollectorSection> Sections { get; }

        /// <summary>The work done while the collector waits; null when it runs in one piece.</summary>
        public ICollectorPause? Pause { get; }

        /// <summary>The output objects and errors that one server's evidence shows.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence) => read(evidence);
    }
}
