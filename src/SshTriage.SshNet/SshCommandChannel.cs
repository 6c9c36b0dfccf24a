using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshTriage.Remote;

namespace SshTriage.SshNet
{
    /// <summary>A remote command started over SSH.NET as a script channel.</summary>
    internal sealed class SshCommandChannel : IScriptChannel
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private readonly SshCommand command;
        private readonly Action abort;
        private readonly Stream input;

        /// <summary>Starts <paramref name="command"/> (this blocks until the server has the request); <paramref name="abort"/> ends the whole session.</summary>
        public SshCommandChannel(SshCommand command, Action abort)
        {
            this.command = command;
            this.abort = abort;
            Output = new PumpedReader(command.OutputStream, Utf8, "SshTriage SSH.NET stdout");
            Error = new PumpedReader(command.ExtendedOutputStream, Utf8, "SshTriage SSH.NET stderr");
            Exited = Observe(command.ExecuteAsync(CancellationToken.None));
            input = command.CreateInputStream();
        }

        public TextReader Output { get; }

        public TextReader Error { get; }

        public Task Exited { get; }

        public int ExitCode => command.ExitStatus ?? -1;

        public async Task<bool> WriteAsync(string text)
        {
            try
            {
                var bytes = Utf8.GetBytes(text);
                await input.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
                return true;
            }
            catch (Exception closed) when (IsClosed(closed))
            {
                return false;
            }
        }

        public void CloseInput()
        {
            try
            {
                input.Dispose();
            }
            catch (Exception closed) when (IsClosed(closed))
            {
                // The command ended before reading all of its input.
            }
        }

        public void Abort()
        {
            // Ends the command and its output streams (a closed connection alone leaves them
            // open); a server that ignores the signal is given half a second.
            try
            {
                command.CancelAsync(forceKill: true, millisecondsTimeout: 500);
            }
            catch (Exception closed) when (IsClosed(closed))
            {
                // The session is gone already.
            }

            abort();
        }

        private static bool IsClosed(Exception failure) =>
            failure is SshException || failure is ObjectDisposedException || failure is InvalidOperationException || failure is IOException;

        // The end of the command, however it came: the exit status, or none after the session was closed.
        private static async Task Observe(Task execution)
        {
            try
            {
                await execution.ConfigureAwait(false);
            }
            catch (Exception ended) when (IsClosed(ended) || ended is OperationCanceledException)
            {
                // The exit code stays unknown (-1); the outcome says what was read.
            }
        }
    }
}
