using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>Runs a POSIX sh script on a server and returns what it printed. The seam for another transport.</summary>
    public interface IRemoteShell
    {
        /// <summary>Runs <paramref name="script"/> (sent on standard input, whole or in parts) on <paramref name="target"/>.</summary>
        Task<ProcessOutcome> RunScriptAsync(RemoteTarget target, ScriptInput script, CancellationToken cancellationToken);
    }
}
