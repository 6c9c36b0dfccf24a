using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote;

namespace SshTriage.Login
{
    /// <summary>
    /// Walks one SSH connection through key exchange, host key and authentication, and records
    /// what it saw: the seam between Core and the SSH.NET adapter, which is loaded privately.
    /// </summary>
    public interface ISshLoginClient
    {
        /// <summary>
        /// Connects to <paramref name="address"/> on <paramref name="target"/>'s port, checks the host
        /// key under the target's name, logs in as the target says, and closes without opening a channel.
        /// </summary>
        /// <param name="target">The host, port, user, key or credential, pinned fingerprints and timeout.</param>
        /// <param name="address">The address to connect to (the name is resolved by the caller).</param>
        /// <param name="hostKeyAlgorithms">Host key algorithms the client may offer, as ssh's HostKeyAlgorithms; empty for all it has.</param>
        /// <param name="cancellationToken">Ends the attempt.</param>
        /// <returns>What the connection showed, however far it went; a key file that cannot be read is a <see cref="RemoteShellException"/>.</returns>
        Task<SshLoginTrace> LoginAsync(RemoteTarget target, IPAddress address, IReadOnlyList<string> hostKeyAlgorithms, CancellationToken cancellationToken);
    }
}
