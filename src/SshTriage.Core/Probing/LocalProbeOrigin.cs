using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>Probes from this machine, to the first address the name resolves to, as a client here connects.</summary>
    public sealed class LocalProbeOrigin : IProbeOrigin
    {
        private readonly SshPortProbe probe;

        /// <summary>Creates an origin whose probes wait up to <paramref name="timeout"/>.</summary>
        public LocalProbeOrigin(TimeSpan timeout) => probe = new SshPortProbe(timeout);

        /// <inheritdoc />
        public async Task<ProbeWindow> ProbeAsync(string computerName, int port, CancellationToken cancellationToken)
        {
            const string Origin = "this machine";
            var address = await ResolveAsync(computerName).ConfigureAwait(false);
            if (address == null)
            {
                return new ProbeWindow(Origin, null, new[] { new SshPortResult(computerName, null, port, SshPortStatus.NameNotResolved, DateTimeOffset.Now) });
            }

            // At once, so that a dropped port costs one timeout, not three.
            var results = await Task.WhenAll(Enumerable.Range(0, ProbeWindow.ProbeCount)
                .Select(_ => probe.ProbeAsync(computerName, address, port, cancellationToken))).ConfigureAwait(false);
            return new ProbeWindow(Origin, results.Select(r => r.LocalAddress).FirstOrDefault(a => a != null), results);
        }

        private static async Task<IPAddress?> ResolveAsync(string computerName)
        {
            if (!ComputerNameParser.TryParse(computerName, out var literal, out _))
            {
                return null;
            }

            if (literal != null)
            {
                return literal;
            }

            try
            {
                var addresses = await Dns.GetHostAddressesAsync(computerName).ConfigureAwait(false);
                return addresses.FirstOrDefault();
            }
            catch (System.Net.Sockets.SocketException)
            {
                return null;
            }
        }
    }
}
