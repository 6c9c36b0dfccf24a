using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>A name lookup bounded by a timeout: the addresses, or the socket error that says why there are none.</summary>
    internal static class HostLookup
    {
        /// <summary>Resolves <paramref name="computerName"/>; an empty list comes with the reason (NoData, TimedOut, HostNotFound, ...).</summary>
        public static async Task<(IPAddress[] Addresses, SocketError Error)> ResolveAsync(IHostResolver resolver, string computerName, TimeSpan timeout, CancellationToken token)
        {
            try
            {
                var lookup = resolver.ResolveAsync(computerName, token);
                if (!await TaskTimeout.CompletesWithinAsync(lookup, timeout, token).ConfigureAwait(false))
                {
                    return (Array.Empty<IPAddress>(), SocketError.TimedOut);
                }

                var addresses = await lookup.ConfigureAwait(false);
                return (addresses, addresses.Length > 0 ? SocketError.Success : SocketError.NoData);
            }
            catch (SocketException failure)
            {
                return (Array.Empty<IPAddress>(), failure.SocketErrorCode);
            }
        }
    }
}
