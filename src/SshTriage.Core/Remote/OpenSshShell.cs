using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// Runs scripts through the system's OpenSSH client, so the user's ssh config, agent, jump
    /// hosts and known_hosts all apply. Never prompts (BatchMode) and never weakens host key checks.
    /// </summary>
    public sealed class OpenSshShell : IRemoteShell
    {
        private readonly string sshPath;

        /// <summary>Creates a shell over the ssh program at <paramref name="sshPath"/> (found on PATH by default).</summary>
        public OpenSshShell(string sshPath = "ssh") => this.sshPath = sshPath;

        /// <inheritdoc />
        public Task<ProcessOutcome> RunScriptAsync(RemoteTarget target, ScriptInput script, CancellationToken cancellationToken)
        {
            if (target.IsLocal)
            {
                throw new ArgumentException("A local target does not go through ssh.", nameof(target));
            }

            return ProcessRunner.RunAsync(sshPath, Arguments(target), RemoteCommand.Input(target, script), OverallTimeout(target), cancellationToken);
        }

        /// <summary>The ssh command line for a target: options, destination, then the fixed remote command.</summary>
        internal static IReadOnlyList<string> Arguments(RemoteTarget target)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(target.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var arguments = new List<string> { "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=" + seconds };
            if (target.UserName != null)
            {
                arguments.Add("-l");
                arguments.Add(target.UserName);
            }

            if (target.KeyFilePath != null)
            {
                arguments.Add("-i");
                arguments.Add(target.KeyFilePath);
                // Only that key: agent keys tried first count toward the server's MaxAuthTries.
                arguments.Add("-o");
                arguments.Add("IdentitiesOnly=yes");
            }

            if (target.SshPort.HasValue)
            {
                arguments.Add("-p");
                arguments.Add(target.SshPort.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (target.JumpHost != null)
            {
                arguments.Add("-J");
                arguments.Add(target.JumpHost);
            }

            foreach (var option in target.SshOptions)
            {
                arguments.Add("-o");
                arguments.Add(option.Key + "=" + option.Value);
            }

            arguments.Add("--");
            arguments.Add(target.ComputerName);
            arguments.Add(RemoteCommand.For(target));
            return arguments;
        }

        /// <summary>Connecting may take the timeout, and the script its own bound after that (for every transport).</summary>
        public static TimeSpan OverallTimeout(RemoteTarget target) => target.Timeout + target.ScriptTimeout;
    }
}
