using SshTriage.Evidence;

namespace SshTriage.Collection
{
    /// <summary>A server's collected evidence with the facts of the run.</summary>
    public sealed class ServerEvidence
    {
        /// <summary>Wraps a bundle read for <paramref name="computerName"/>; <paramref name="isLocal"/> when it was read on this machine (-Local).</summary>
        public ServerEvidence(string computerName, EvidenceBundle bundle, bool isLocal = false)
        {
            ComputerName = computerName;
            Bundle = bundle;
            IsLocal = isLocal;
            var meta = bundle[CollectorSections.Names.Meta];
            Facts = HostFacts.Parse(meta?.StandardOutput ?? string.Empty);
        }

        /// <summary>The server as the caller named it, or the host name a saved bundle records.</summary>
        public string ComputerName { get; }

        /// <summary>True when the collector ran on this machine (-Local): what to run next runs here too.</summary>
        public bool IsLocal { get; }

        /// <summary>Every section.</summary>
        public EvidenceBundle Bundle { get; }

        /// <summary>Who and when the collector ran as.</summary>
        public HostFacts Facts { get; }
    }
}
