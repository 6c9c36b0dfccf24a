using System;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote.Loading;

namespace SshTriage.Remote
{
    /// <summary>
    /// The shell for servers: hands each target to the transport it was built for, the system's
    /// OpenSSH client or SSH.NET (loaded privately on first use), so that the rest of the module
    /// cannot tell which one read the evidence.
    /// </summary>
    public sealed class TransportShell : IRemoteShell
    {
        private readonly IRemoteShell openSsh;
        private readonly Func<IRemoteShell> sshNet;

        /// <summary>Creates a shell over the given transports (the system ssh client and the private SSH.NET adapter by default).</summary>
        public TransportShell(IRemoteShell? openSsh = null, Func<IRemoteShell>? sshNet = null)
        {
            this.openSsh = openSsh ?? new OpenSshShell();
            this.sshNet = sshNet ?? SshNetAdapter.Load;
        }

        /// <summary>The shell every operation uses unless it is given another.</summary>
        public static TransportShell Default { get; } = new TransportShell();

        /// <inheritdoc />
        public Task<ProcessOutcome> RunScriptAsync(RemoteTarget target, ScriptInput script, CancellationToken cancellationToken)
        {
            if (target.Transport != SshTransport.SshNet)
            {
                return openSsh.RunScriptAsync(target, script, cancellationToken);
            }

            IRemoteShell shell;
            try
            {
                shell = sshNet();
            }
            catch (SshNetUnavailableException missing)
            {
                throw new RemoteShellException(RemoteErrors.TransportUnavailable(
                    target.ComputerName,
                    missing.Message,
                    "Reinstall the module (its SshNet folder is incomplete), or use -Transport OpenSsh."));
            }

            return shell.RunScriptAsync(target, script, cancellationToken);
        }
    }
}
