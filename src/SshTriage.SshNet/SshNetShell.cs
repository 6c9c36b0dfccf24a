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
                var channel = await Start(command, session, target).ConfigureAwait(false);
                var left = OpenSshShell.OverallTimeout(target) - clock.Elapsed;
                return await ScriptExchange.RunAsync(channel, RemoteCommand.Input(target, script), left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }

        // The session may still refuse the command (a channel limit, a dropped connection).
        private static async Task<SshCommandChannel> Start(Renci.SshNet.SshCommand command, SshSession session, RemoteTarget target)
        {
            try
            {
                return await DedicatedThread.Run(() => new SshCommandChannel(command, session.Abort)).ConfigureAwait(false);
            }
            catch (Exception refused) when (refused is Renci.SshNet.Common.SshException || refused is InvalidOperationException || refused is System.Net.Sockets.SocketException)
            {
                throw new RemoteShellException(RemoteErrors.ConnectionFailed(target.ComputerName, $"{target.ComputerName} did not start the collector: {refused.Message}"));
            }
        }
    }
}
