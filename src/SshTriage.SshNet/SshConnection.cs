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
            var info = new ConnectionInfo(address, connectPort, user, methods) { Timeout = target.Timeout };
            AlgorithmPolicy.Apply(info);
            HostKeyAlgorithmOrder.Apply(info, verifier.KnownKeyTypes(host, port), verifier.HasAuthority(host, port));
            var client = new SshClient(info);
            HostKeyVerdict? verdict = null;
            client.HostKeyReceived += (sender, e) =>
            {
                verdict = verifier.Verify(host, port, OfferedHostKey.Of(e), certificate => AuthoritySignature.Verifies(info.HostKeyAlgorithms, certificate), DateTimeOffset.UtcNow);
                e.CanTrust = verdict.IsTrusted;
            };

            // SSH.NET's key exchange and login block their thread; the wait here does not.
            var connecting = DedicatedThread.Run(() =>
            {
                client.Connect();
                return client;
            });
            Exception failure;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var finished = await Task.WhenAny(connecting, Task.Delay(target.Timeout, limit.Token)).ConfigureAwait(false);
                limit.Cancel();
                if (finished == connecting && connecting.Status == TaskStatus.RanToCompletion)
                {
                    return client;
                }

                failure = finished == connecting ? connecting.Exception!.GetBaseException() : new TimeoutException();
            }

            // Ends a connect still under way; its own failure then is of no interest.
            client.Dispose();
            _ = connecting.ContinueWith(ended => ended.Exception, TaskScheduler.Default);
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
