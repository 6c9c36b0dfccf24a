using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>Runs scripts on this machine (-Local): the same collector, without ssh.</summary>
    public sealed class LocalShell : IRemoteShell
    {
        /// <inheritdoc />
        public Task<ProcessOutcome> RunScriptAsync(RemoteTarget target, ScriptInput script, CancellationToken cancellationToken)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                throw new PlatformNotSupportedException("-Local reads a Linux server's own state and needs a POSIX shell; on Windows, give -ComputerName instead.");
            }

            var (fileName, arguments) = RemoteCommand.Local(target);
            return ProcessRunner.RunAsync(fileName, arguments, RemoteCommand.Input(target, script), OpenSshShell.OverallTimeout(target), cancellationToken);
        }
    }
}
