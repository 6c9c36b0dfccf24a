using System;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using SshTriage.Remote;
using SshTriage.Remote.HostKeys;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Opens one authenticated SSH.NET client to one host (the target or a jump host): the host
    /// key checked under the host's own name and port, the login from the target's key file or
    /// credential, the whole within the target's timeout.
    /// </summary>
    internal sealed class SshConnection
    {
        private readonly string host;
        private readonly int port;
        private readonly string user;
        private readonly RemoteTarget target;
        private readonly HostKeyVerifier verifier;
        private readonly string? via;

        public SshConnection(string host, int port, string user, RemoteTarget target, HostKeyVerifier verifier, string? via)
        {
            this.host = host;
            this.port = port;
            this.user = user;
            this.target = target;
            this.verifier = verifier;
            this.via = via;
        }

        /// <summary>Connects to <paramref name="address"/>:<paramref name="connectPort"/> (the host, or a port forwarded to it).</summary>
        public async Task<SshClient> ConnectAsync(string address, int connectPort, CancellationToken cancellationToken)
        {
            var methods = SshLogin.Methods(user, target, host);
            var info = VerifiedClient.Settings(address, connectPort, user, methods, target.Timeout, verifier, host, port, target.SshOptions);
            HostKeyVerdict? verdict = null;
            var client = VerifiedClient.Create(info, verifier, host, port, (judged, _) => verdict = judged);

            var failure = await BoundedConnect.RunAsync(client, target.Timeout, cancellationToken).ConfigureAwait(false);
            if (failure == null)
            {
                return client;
            }

            DisposeAll(methods);
            cancellationToken.ThrowIfCancellationRequested();
            if (verdict != null && !verdict.IsTrusted)
            {
                throw new RemoteShellException(verdict.ToError(host));
            }

            throw new RemoteShellException(SshNetErrors.FromConnect(failure, host, port, user, via, target.Timeout));
        }

        private static void DisposeAll(AuthenticationMethod[] methods)
        {
            foreach (var method in methods)
            {
                (method as IDisposable)?.Dispose();
            }
        }
    }
}
