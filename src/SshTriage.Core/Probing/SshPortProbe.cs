using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>
    /// One banner probe of one address: a TCP connect, then the server's identification line.
    /// One connection, no retry and no authentication — OpenSSH 9.8+ counts every such
    /// connection toward PerSourcePenalties, so the probe must not add more.
    /// </summary>
    public sealed class SshPortProbe
    {
        private const int ReceiveBufferSize = 2048;

        // Sent only when the peer stays silent, so that a server that waits for the client
        // (HTTP, for one) answers and shows what it is. RFC 4253 lets either side speak first.
        internal static readonly byte[] ClientIdentification = Encoding.ASCII.GetBytes("SSH-2.0-SshTriage_Probe\r\n");

        private readonly TimeSpan timeout;
        private readonly TimeSpan nudgeAfter;

        /// <summary>Creates a probe that waits up to <paramref name="timeout"/> for the connect and again for the identification line.</summary>
        public SshPortProbe(TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
            }

            this.timeout = timeout;
            nudgeAfter = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, timeout.Ticks / 2));
        }

        /// <summary>Probes <paramref name="address"/>:<paramref name="port"/> and reports what a client sees.</summary>
        public Task<SshPortResult> ProbeAsync(string computerName, IPAddress address, int port, CancellationToken cancellationToken) =>
            ProbeAsync(computerName, address, port, null, cancellationToken);

        /// <summary>
        /// Probes, and when the server identified itself hands the still open connection to
        /// <paramref name="afterIdentification"/>: the bytes read past the identification line, and
        /// whether this probe already sent the client's own identification line.
        /// </summary>
        internal async Task<SshPortResult> ProbeAsync(string computerName, IPAddress address, int port, Func<Socket, byte[], bool, Task>? afterIdentification, CancellationToken cancellationToken)
        {
            var seen = new SshPortObservation(computerName, address, port, DateTimeOffset.Now);
            using (var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
            {
                socket.NoDelay = true;
                if (!await ConnectAsync(socket, address, port, seen, cancellationToken).ConfigureAwait(false))
                {
                    return seen.ToResult();
                }

                var (scanner, sent) = await ReadIdentificationAsync(socket, seen, cancellationToken).ConfigureAwait(false);
                if (afterIdentification != null && seen.Status == SshPortStatus.Open)
                {
                    await afterIdentification(socket, scanner.AfterIdentification, sent).ConfigureAwait(false);
                }
            }

            return seen.ToResult();
        }

        private async Task<bool> ConnectAsync(Socket socket, IPAddress address, int port, SshPortObservation seen, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            var connect = socket.ConnectAsync(new IPEndPoint(address, port));
            if (!await TaskTimeout.CompletesWithinAsync(connect, timeout, cancellationToken).ConfigureAwait(false))
            {
                seen.Status = SshPortStatus.TimedOut;
                seen.SocketError = SocketError.TimedOut;
                return false;
            }

            if (connect.Exception?.GetBaseException() is SocketException failure)
            {
                seen.Status = SocketErrorStatus.FromConnectError(failure.SocketErrorCode);
                seen.SocketError = failure.SocketErrorCode;
                return false;
            }

            await connect.ConfigureAwait(false);
            seen.ConnectTime = stopwatch.Elapsed;
            seen.LocalAddress = (socket.LocalEndPoint as IPEndPoint)?.Address;
            return true;
        }

        private async Task<(IdentificationScanner Scanner, bool Sent)> ReadIdentificationAsync(Socket socket, SshPortObservation seen, CancellationToken cancellationToken)
        {
            var scanner = new IdentificationScanner();
            var buffer = new byte[ReceiveBufferSize];
            var deadline = Stopwatch.StartNew();
            var nudged = false;
            var end = ReadEnd.TimedOut;

            while (scanner.Verdict == ScanVerdict.NeedMore)
            {
                var remaining = timeout - deadline.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                var wait = !nudged && !scanner.HasData && nudgeAfter < remaining ? nudgeAfter : remaining;
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                if (!await TaskTimeout.CompletesWithinAsync(receive, wait, cancellationToken).ConfigureAwait(false))
                {
                    if (wait == remaining)
                    {
                        break;
                    }

                    nudged = true;
                    if (!TrySend(socket))
                    {
                        end = ReadEnd.Closed;
                        break;
                    }

                    // The pending receive is still outstanding; wait for it rather than post another.
                    if (!await TaskTimeout.CompletesWithinAsync(receive, timeout - deadline.Elapsed, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                if (receive.Exception?.GetBaseException() is SocketException failure)
                {
                    // A reset after the handshake is a close, often after sshd wrote its reason.
                    seen.SocketError = failure.SocketErrorCode;
                    end = ReadEnd.Closed;
                    break;
                }

                var count = await receive.ConfigureAwait(false);
                if (count == 0)
                {
                    end = ReadEnd.Closed;
                    break;
                }

                scanner.Feed(buffer, count);
            }

            seen.Conclude(scanner, end);
            return (scanner, nudged);
        }

        private static bool TrySend(Socket socket)
        {
            try
            {
                socket.Send(ClientIdentification);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
