using System;
using System.Collections.Generic;
using SshTriage.Handshake;
using SshTriage.Remote.HostKeys;

namespace SshTriage.Login
{
    /// <summary>
    /// What a login client saw on its one connection, stage by stage; what it did not reach stays
    /// empty. Core turns it into an <see cref="SshLoginResult"/>.
    /// </summary>
    public sealed class SshLoginTrace
    {
        /// <summary>The client's own algorithm offer, as it sent it in its KEXINIT.</summary>
        public SshKexInit? ClientOffer { get; set; }

        /// <summary>The server's identification line; null when none came.</summary>
        public string? ServerVersion { get; set; }

        /// <summary>From the identification line to the server's signed host key.</summary>
        public TimeSpan? KeyExchangeTime { get; set; }

        /// <summary>The host key check's verdict; null when the key exchange ended before the key.</summary>
        public HostKeyVerdict? HostKey { get; set; }

        /// <summary>How long the host key check took.</summary>
        public TimeSpan? HostKeyTime { get; set; }

        /// <summary>From the accepted host key to the server's last answer on the login.</summary>
        public TimeSpan? AuthenticationTime { get; set; }

        /// <summary>True when the server accepted the login.</summary>
        public bool Authenticated { get; set; }

        /// <summary>How long closing the authenticated connection took.</summary>
        public TimeSpan? SessionTime { get; set; }

        /// <summary>The methods the server allows, when it named them without any being tried (none of the client's fitted).</summary>
        public IReadOnlyList<string> AllowedMethods { get; set; } = Array.Empty<string>();

        /// <summary>The methods the client could offer, in its order.</summary>
        public IReadOnlyList<string> OfferedMethods { get; set; } = Array.Empty<string>();

        /// <summary>The keys the client could offer, each as its type and SHA256 fingerprint.</summary>
        public IReadOnlyList<string> OfferedKeys { get; set; } = Array.Empty<string>();

        /// <summary>Every method tried, in order, with the server's answer.</summary>
        public IList<SshAuthenticationAttempt> Attempts { get; } = new List<SshAuthenticationAttempt>();

        /// <summary>Why the connection ended before a login, as the client library put it.</summary>
        public string? Failure { get; set; }

        /// <summary>True when the attempt ran out of time.</summary>
        public bool TimedOut { get; set; }
    }
}
