using System;
using System.Collections.Generic;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Probing;
using SshTriage.Remote;

namespace SshTriage.Diagnosis
{
    /// <summary>What Find-SshRejectCause is asked: the refused port, the failing client, where the probes leave from and what else is read.</summary>
    public sealed class CauseSearch
    {
        /// <summary>Default seconds each probe waits to connect, and again for the banner.</summary>
        public const int DefaultProbeTimeoutSec = SshPortScanOptions.DefaultTimeoutSec;

        /// <summary>The SSH port that refuses.</summary>
        public int Port { get; init; } = 22;

        /// <summary>The failing client's address; by default the address the probes leave from.</summary>
        public IPAddress? ClientAddress { get; init; }

        /// <summary>The account the failing client logs in as.</summary>
        public string? ClientUser { get; init; }

        /// <summary>The public key the failing client offers.</summary>
        public ClientPublicKey? ClientKey { get; init; }

        /// <summary>
        /// Probe the server while its collector waits. Only a server read over ssh is probed: a
        /// saved bundle or this machine itself would not show the client's symptom.
        /// </summary>
        public bool Probe { get; init; }

        /// <summary>Probe from this host over ssh instead of from this machine.</summary>
        public RemoteTarget? FromHost { get; init; }

        /// <summary>How long each probe waits to connect, and again for the banner.</summary>
        public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(DefaultProbeTimeoutSec);

        /// <summary>Gateways and proxies on the path whose Fail2Ban and firewalls are read too.</summary>
        public IReadOnlyList<RemoteTarget> Hops { get; init; } = Array.Empty<RemoteTarget>();

        /// <summary>Also list what was checked and ruled out.</summary>
        public bool IncludeCleared { get; init; }

        /// <summary>Where the probes leave from; null when nothing is probed.</summary>
        internal IProbeOrigin? Origin() =>
            !Probe ? null
            : FromHost is RemoteTarget from ? new RemoteProbeOrigin(from, ProbeTimeout)
            : new LocalProbeOrigin(ProbeTimeout);
    }
}
