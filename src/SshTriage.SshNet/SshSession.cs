using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using SshTriage.Remote;
using SshTriage.Remote.HostKeys;

namespace SshTriage.SshNet
{
    /// <summary>
    /// An authenticated SSH.NET connection to a target, through its jump hosts: each hop's client
    /// forwards a local port to the next host, whose key is still checked under its own name.
    /// </summary>
    internal sealed class SshSession : IDisposable
    {
        private readonly List<IDisposable> parts = new List<IDisposable>();
        private SshClient? client;

        private SshSession()
        {
        }

        /// <summary>The client connected to the target itself.</summary>
        public SshClient Client => client ?? throw new InvalidOperationException("The session is not open.");

        /// <summary>Connects to <paramref name="target"/>; a failure is a <see cref="RemoteShellException"/> with the host's error.</summary>
        public static async Task<SshSession> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            var verifier = HostKeyVerifier.For(target);
            var hops = new List<(string Host, int Port, string User)>();
            if (target.JumpHost != null && JumpHop.TryParseList(target.JumpHost, _ => true, out var jumps))
            {
                hops.AddRange(jumps.Select(j => (j.Host, j.Port ?? 22, j.UserName ?? target.LoginName)));
            }

            hops.Add((target.ComputerName, target.Port, target.LoginName));
            var session = new SshSession();
            try
            {
                SshClient? previous = null;
                for (var i = 0; i < hops.Count; i++)
                {
                    var hop = hops[i];
                    var (address, port) = previous == null ? (hop.Host, hop.Port) : session.Forward(previous, hop.Host, hop.Port);
                    var connection = new SshConnection(hop.Host, hop.Port, hop.User, target, verifier, i == 0 ? null : hops[i - 1].Host);
                    previous = await connection.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
                    session.parts.Add(previous);
                }

                session.client = previous;
                return session;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>Ends the session at once: the remote command loses its connection.</summary>
        public void Abort() => Dispose();

        public void Dispose()
        {
            lock (parts)
            {
                for (var i = parts.Count - 1; i >= 0; i--)
                {
                    parts[i].Dispose();
                }

                parts.Clear();
            }
        }

        // A local port on the loopback address that the hop's client forwards to host:port.
        private (string Address, int Port) Forward(SshClient through, string host, int port)
        {
            var forward = new ForwardedPortLocal("127.0.0.1", 0, host, (uint)port);
            through.AddForwardedPort(forward);
            forward.Start();
            parts.Add(forward);
            return ("127.0.0.1", (int)forward.BoundPort);
        }
    }
}
