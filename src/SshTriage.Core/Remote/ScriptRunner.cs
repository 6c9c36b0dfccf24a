using System;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Operations;

namespace SshTriage.Remote
{
    /// <summary>Runs a script on a target through the right shell and turns every way it can fail into one error.</summary>
    public static class ScriptRunner
    {
        /// <summary>
        /// Runs <paramref name="script"/> on <paramref name="target"/> (over <paramref name="ssh"/>, or
        /// <paramref name="local"/> for -Local). Returns the outcome when the script ran, which it
        /// shows by printing <paramref name="successMarker"/>; otherwise the error.
        /// </summary>
        public static async Task<(ProcessOutcome? Outcome, TriageError? Error)> RunAsync(
            IRemoteShell ssh,
            IRemoteShell local,
            RemoteTarget target,
            ScriptInput script,
            string successMarker,
            CancellationToken cancellationToken)
        {
            ProcessOutcome outcome;
            try
            {
                outcome = await (target.IsLocal ? local : ssh).RunScriptAsync(target, script, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteShellException failure)
            {
                return (null, failure.Error);
            }
            catch (PlatformNotSupportedException unsupported)
            {
                return (null, new TriageError("LocalNotSupported", unsupported, TriageErrorCategory.InvalidOperation, target.ComputerName, "Use -ComputerName to read the server over ssh."));
            }
            catch (ProcessRunner.StartException failure)
            {
                return (null, target.IsLocal
                    ? new TriageError("LocalShellNotFound", failure, TriageErrorCategory.NotInstalled, target.ComputerName, "-Local needs sh (and sudo with -Sudo) on this machine.")
                    : RemoteFailure.ClientNotFound(target.ComputerName, failure));
            }

            var failed = RemoteFailure.Classify(target, outcome, successMarker);
            return failed == null ? (outcome, null) : (null, failed);
        }
    }
}
