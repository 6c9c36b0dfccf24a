using System;
using System.Net;
using System.Net.Sockets;

namespace SshTriage.Probing
{
    /// <summary>
    /// What one probe has seen so far, gathered while its connection (or the -FromHost script's
    /// output) runs; <see cref="ToResult"/> then makes the <see cref="SshPortResult"/> at once.
    /// </summary>
    internal sealed class SshPortObservation
    {
        private readonly string computerName;
        private readonly IPAddress? remoteAddress;
        private readonly int port;
        private readonly DateTimeOffset timestamp;
        private SshIdentification? identification;

        /// <summary>Starts a probe of <paramref name="remoteAddress"/>:<paramref name="port"/> that has seen nothing yet (timed out).</summary>
        public SshPortObservation(string computerName, IPAddress? remoteAddress, int port, DateTimeOffset timestamp)
        {
            this.computerName = computerName;
            this.remoteAddress = remoteAddress;
            this.port = port;
            this.timestamp = timestamp;
        }

        public SshPortStatus Status { get; set; } = SshPortStatus.TimedOut;

        public string? PreBannerText { get; set; }

        public IPAddress? LocalAddress { get; set; }

        public TimeSpan? ConnectTime { get; set; }

        public SocketError? SocketError { get; set; }

        /// <summary>Takes what <paramref name="scanner"/> read before the read ended.</summary>
        public void Conclude(IdentificationScanner scanner, ReadEnd end)
        {
            Status = scanner.Conclude(end);
            PreBannerText = scanner.ReceivedText();
            if (Status == SshPortStatus.TimedOut)
            {
                SocketError = System.Net.Sockets.SocketError.TimedOut;
            }

            identification = scanner.Identification ?? identification;
        }

        public SshPortResult ToResult() => new SshPortResult(computerName, remoteAddress, port, Status, timestamp)
        {
            Banner = identification?.Line,
            ProtocolVersion = identification?.ProtocolVersion,
            SoftwareVersion = identification?.SoftwareVersion,
            Comments = identification?.Comments,
            PreBannerText = PreBannerText,
            LocalAddress = LocalAddress,
            ConnectTime = ConnectTime,
            SocketError = SocketError,
        };
    }
}
