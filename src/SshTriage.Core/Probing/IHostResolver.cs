using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>Resolves a host name to every address it has.</summary>
    public interface IHostResolver
    {
        /// <summary>Returns the addresses of <paramref name="hostName"/>; throws SocketException when it does not resolve.</summary>
        Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken);
    }
}
