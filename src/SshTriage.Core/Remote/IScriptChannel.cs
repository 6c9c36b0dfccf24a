using System.IO;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// A running command that reads a script on its standard input: a local process or a remote
    /// session. <see cref="ScriptExchange"/> drives it the same way whatever it is.
    /// </summary>
    public interface IScriptChannel
    {
        /// <summary>Its standard output.</summary>
        TextReader Output { get; }

        /// <summary>Its standard error.</summary>
        TextReader Error { get; }

        /// <summary>Completes when the command has ended (or was stopped).</summary>
        Task Exited { get; }

        /// <summary>The exit code, once <see cref="Exited"/> has completed; -1 when none was reported.</summary>
        int ExitCode { get; }

        /// <summary>Sends <paramref name="text"/>; false when the command has stopped reading (its exit code then tells why).</summary>
        Task<bool> WriteAsync(string text);

        /// <summary>Ends the standard input (EOF).</summary>
        void CloseInput();

        /// <summary>Stops the command at once.</summary>
        void Abort();
    }
}
