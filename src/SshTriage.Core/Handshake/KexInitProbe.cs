using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Probing;

namespace SshTriage.Handshake
{
    /// <summary>
    /// Reads a server's algorithm offer without logging in: a banner probe, the client's
    /// identification line, then the server's SSH_MSG_KEXINIT, and the connection is closed.
    /// One unauthenticated connection, like Test-SshPort's: OpenSSH 9.8+ counts it toward PerSourcePenalties.
    /// </summary>
    public sealed class KexInitProbe
    {
        private readonly TimeSpan timeout;

        /// <summary>Creates a probe that waits up to <paramref name="timeout"/> for each step.</summary>
        public KexInitProbe(TimeSpan timeout)
        {
            this.timeout = timeout;
        }

        /// <summary>Probes <paramref name="address"/>:<paramref name="port"/> and returns the server's offer, or where the connection ended.</summary>
        public async Task<KexInitProbeResult> ProbeAsync(string computerName, IPAddress address, int port, CancellationToken cancellationToken)
        {
            SshKexInit? offer = null;
            string? problem = null;
            TimeSpan? elapsed = null;
            TimeSpan? identified = null;
            var sinceStart = Stopwatch.StartNew();
            var portResult = await new SshPortProbe(timeout).ProbeAsync(computerName, address, port, async (socket, alreadyRead, clientIdentificationSent) =>
            {
                identified = sinceStart.Elapsed;
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    if (!clientIdentificationSent)
                    {
                        socket.Send(SshPortProbe.ClientIdentification);
                    }

                    var payload = await new SshPacketReader(socket, alreadyRead, timeout).ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
                    offer = KexInitParser.TryParse(payload, out problem);
                    elapsed = stopwatch.Elapsed;
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is SocketException)
                {
                    problem = "No key exchange offer: " + e.Message;
                }
            }, cancellationToken).ConfigureAwait(false);
            return new KexInitProbeResult(portResult, offer, problem, elapsed, identified - portResult.ConnectTime);
        }
    }
}
