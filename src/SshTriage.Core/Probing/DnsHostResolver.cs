using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>Resolves names with the operating system's resolver (hosts file, DNS, and the rest of its configuration).</summary>
    public sealed class DnsHostResolver : IHostResolver
    {
        /// <inheritdoc />
        public async Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
        {
            // The system resolver cannot be cancelled; the caller bounds the wait.
            var addresses = await Dns.GetHostAddressesAsync(hostName).ConfigureAwait(false);
            return addresses
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6)
                .Distinct()
                .ToArray();
        }
    }
}
