using System;
using System.Net;
using System.Net.Sockets;

namespace SshTriage
{
    /// <summary>The outcome of one client-side SSH probe of one address.</summary>
    public sealed class SshPortResult
    {
        internal SshPortResult(
            string computerName,
            IPAddress? remoteAddress,
            int port,
            SshPortStatus status,
            DateTimeOffset timestamp)
        {
            ComputerName = computerName;
            RemoteAddress = remoteAddress;
            Port = port;
            Status = status;
            Timestamp = timestamp;
        }

        /// <summary>The name or address as the caller gave it.</summary>
        public string ComputerName { get; }

        /// <summary>The address that was probed; empty when the name did not resolve.</summary>
        public IPAddress? RemoteAddress { get; }

        /// <summary>The TCP port that was probed.</summary>
        public int Port { get; }

        /// <summary>What the client saw.</summary>
        public SshPortStatus Status { get; }

        /// <summary>The SSH identification line the server sent, without its line ending.</summary>
        public string? Banner { get; internal init; }

        /// <summary>The protocol version from the identification line, e.g. 2.0.</summary>
        public string? ProtocolVersion { get; internal init; }

        /// <summary>The software version from the identification line, e.g. OpenSSH_9.2p1.</summary>
        public string? SoftwareVersion { get; internal init; }

        /// <summary>The comments after the software version, e.g. Debian-2+deb12u3.</summary>
        public string? Comments { get; internal init; }

        /// <summary>Text the peer sent before its identification line or before it closed, or what a non-SSH peer sent.</summary>
        public string? PreBannerText { get; internal init; }

        /// <summary>The local address the connection left from.</summary>
        public IPAddress? LocalAddress { get; internal init; }

        /// <summary>How long the TCP handshake took; empty when no connection was made.</summary>
        public TimeSpan? ConnectTime { get; internal init; }

        /// <summary>The socket error behind a failed connection, as the operating system reported it.</summary>
        public SocketError? SocketError { get; internal init; }

        /// <summary>When the probe started.</summary>
        public DateTimeOffset Timestamp { get; }
    }
}
