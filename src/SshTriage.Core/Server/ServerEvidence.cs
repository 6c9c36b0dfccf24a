using SshTriage.Evidence;

namespace SshTriage.Server
{
    /// <summary>A server's collected evidence with the facts of the run.</summary>
    public sealed class ServerEvidence
    {
        /// <summary>Wraps a bundle read for <paramref name="computerName"/>.</summary>
        public ServerEvidence(string computerName, EvidenceBundle bundle)
        {
            ComputerName = computerName;
            Bundle = bundle;
            var meta = bundle[CollectorSections.Names.Meta];
            Facts = HostFacts.Parse(meta?.StandardOutput ?? string.Empty);
        }

        /// <summary>The server as the caller named it, or the host name a saved bundle records.</summary>
        public string ComputerName { get; }

        /// <summary>Every section.</summary>
        public EvidenceBundle Bundle { get; }

        /// <summary>Who and when the collector ran as.</summary>
        public HostFacts Facts { get; }
    }
}
