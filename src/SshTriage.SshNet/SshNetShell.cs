using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Runs scripts over SSH.NET, in process: one SSH session per server (through jump hosts
    /// when asked), the collector on the standard input of the same remote command OpenSSH
    /// runs, host keys checked against known_hosts or pinned fingerprints, never prompting.
    /// </summary>
    public sealed class SshNetShell : IRemoteShell
    {
        /// <inheritdoc />
        public async Task<ProcessOutcome> RunScriptAsync(RemoteTarget target, ScriptInput script, CancellationToken cancellationToken)
        {
            if (target.IsLocal)
            {
                throw new ArgumentException("A local target does not go through SSH.", nameof(target));
            }

            var clock = Stopwatch.StartNew();
            using (var session = await SshSession.OpenAsync(target, cancellationToken).ConfigureAwait(false))
            using (var command = session.Client.CreateCommand(RemoteCommand.For(target)))
            {
                // Connecting may take the timeout, and the collector as long again, as with OpenSSH.
                var left = OpenSshShell.OverallTimeout(target) - clock.Elapsed;
                var channel = new SshCommandChannel(command, session.Abort);
                return await ScriptExchange.RunAsync(channel, RemoteCommand.Input(target, script), left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
