using System;
using System.Collections.Generic;
using System.Net;
using SshTriage.Handshake;

namespace SshTriage
{
    /// <summary>
    /// How far one SSH login got (Test-SshLogin): the stage reached and the one that failed, with
    /// the server's offer, the negotiated algorithms, the host key's verdict, the methods allowed
    /// and tried, and the time each stage took.
    /// </summary>
    public sealed class SshLoginResult
    {
        internal SshLoginResult(string computerName, IPAddress? remoteAddress, int port, string userName, DateTimeOffset timestamp)
        {
            ComputerName = computerName;
            RemoteAddress = remoteAddress;
            Port = port;
            UserName = userName;
            Timestamp = timestamp;
        }

        /// <summary>The name or address as the caller gave it (without a port).</summary>
        public string ComputerName { get; }

        /// <summary>The address connected to; empty when the name did not resolve.</summary>
        public IPAddress? RemoteAddress { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>The login name.</summary>
        public string UserName { get; }

        /// <summary>True when the server accepted the login.</summary>
        public bool Succeeded => FailedStage == null;

        /// <summary>The last stage completed; empty when not even the TCP connection was made.</summary>
        public SshLoginStage? StageReached { get; internal init; }

        /// <summary>The stage that failed; empty when the login succeeded.</summary>
        public SshLoginStage? FailedStage { get; internal init; }

        /// <summary>Why it failed, or what succeeded, in a sentence.</summary>
        public string Reason { get; internal init; } = string.Empty;

        /// <summary>What Test-SshPort sees on the port (Open once the server identified itself).</summary>
        public SshPortStatus PortStatus { get; internal init; }

        /// <summary>The server's identification line, e.g. SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3.</summary>
        public string? ServerVersion { get; internal init; }

        /// <summary>The key exchange methods the server offers, most preferred first.</summary>
        public IReadOnlyList<string> ServerKexAlgorithms { get; internal init; } = Array.Empty<string>();

        /// <summary>The host key algorithms the server offers.</summary>
        public IReadOnlyList<string> ServerHostKeyAlgorithms { get; internal init; } = Array.Empty<string>();

        /// <summary>The ciphers the server offers (client to server).</summary>
        public IReadOnlyList<string> ServerCiphers { get; internal init; } = Array.Empty<string>();

        /// <summary>The MACs the server offers (client to server).</summary>
        public IReadOnlyList<string> ServerMacs { get; internal init; } = Array.Empty<string>();

        /// <summary>For each purpose (Kex, HostKey, ciphers, MACs, compression), what the two offers agree on.</summary>
        public IReadOnlyList<AlgorithmAgreement> Algorithms { get; internal init; } = Array.Empty<AlgorithmAgreement>();

        /// <summary>The first purpose the two sides share no algorithm for, with both offers; empty when they agree.</summary>
        public AlgorithmAgreement? Mismatch { get; internal init; }

        /// <summary>The host key's type as ssh names it (ED25519, ECDSA, RSA).</summary>
        public string? HostKeyType { get; internal init; }

        /// <summary>The host key's SHA256 fingerprint, as ssh-keygen -lf prints it.</summary>
        public string? HostKeyFingerprint { get; internal init; }

        /// <summary>What known_hosts (or -HostKeyFingerprint) says about the host key; empty when no key was received.</summary>
        public SshHostKeyStatus? HostKeyStatus { get; internal init; }

        /// <summary>The methods the server allows for the user, as it last named them; empty when the first method tried succeeded.</summary>
        public IReadOnlyList<string> AllowedMethods { get; internal init; } = Array.Empty<string>();

        /// <summary>The methods this login could offer (from -KeyFilePath or -Credential).</summary>
        public IReadOnlyList<string> OfferedMethods { get; internal init; } = Array.Empty<string>();

        /// <summary>The keys this login could offer, each as its type and SHA256 fingerprint.</summary>
        public IReadOnlyList<string> OfferedKeys { get; internal init; } = Array.Empty<string>();

        /// <summary>Every method tried, in order, with the server's answer.</summary>
        public IReadOnlyList<SshAuthenticationAttempt> AuthenticationAttempts { get; internal init; } = Array.Empty<SshAuthenticationAttempt>();

        /// <summary>The TCP handshake.</summary>
        public TimeSpan? ConnectTime { get; internal init; }

        /// <summary>From the TCP connection to the server's identification line.</summary>
        public TimeSpan? BannerTime { get; internal init; }

        /// <summary>From the identification line to the server's signed host key.</summary>
        public TimeSpan? KeyExchangeTime { get; internal init; }

        /// <summary>The host key check.</summary>
        public TimeSpan? HostKeyTime { get; internal init; }

        /// <summary>From the accepted host key to the server's last answer on the login (new keys, the userauth service, every method).</summary>
        public TimeSpan? AuthenticationTime { get; internal init; }

        /// <summary>Closing the authenticated connection.</summary>
        public TimeSpan? SessionTime { get; internal init; }

        /// <summary>When the walk started.</summary>
        public DateTimeOffset Timestamp { get; }
    }
}
