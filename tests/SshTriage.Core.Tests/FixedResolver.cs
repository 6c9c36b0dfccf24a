using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Probing;

namespace SshTriage.Tests
{
    /// <summary>A resolver with a fixed table: names outside it fail as DNS would. Used where real DNS would leave this machine.</summary>
    internal sealed class FixedResolver : IHostResolver
    {
        private readonly string name;
        private readonly IPAddress[] addresses;

        public FixedResolver(string name, params IPAddress[] addresses)
        {
            this.name = name;
            this.addresses = addresses;
        }

        public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken) =>
            hostName == name
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
