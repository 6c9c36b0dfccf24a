using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// Runs a program with an argument list (never through a shell), feeds it standard input,
    /// and collects its output, with a time limit and cancellation that kill it.
    /// </summary>
    public static class ProcessRunner
    {
        /// <summary>The most standard output kept: a bundle's limit (a character is at least a byte).</summary>
        public const long MaxOutputCharacters = Evidence.EvidenceLimits.MaxBundleBytes;

        // How long the output may still arrive once the program has ended.
        private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(2);

        /// <summary>The most standard error kept; the rest is dropped (ssh's and the tools' messages are short).</summary>
        public const long MaxErrorCharacters = 1024 * 1024;

        /// <summary>Thrown when the program does not exist or cannot be started.</summary>
        public sealed class StartException : Exception
        {
            internal StartException(string fileName, Exception inner)
                : base($"'{fileName}' could not be started: {inner.Message}", inner)
            {
                FileName = fileName;
            }

            /// <summary>The program that failed to start.</summary>
            public string FileName { get; }
        }

        /// <summary>
        /// Runs <paramref name="fileName"/> with <paramref name="input"/> on its standard input.
        /// The time limit applies to each part of a paused input; the caller's work between the
        /// parts has its own limits. A program that prints more than <paramref name="maxOutput"/>
        /// characters is ended, and the outcome says so.
        /// </summary>
        public static async Task<ProcessOutcome> RunAsync(
            string fileName,
            IReadOnlyList<string> arguments,
            ScriptInput input,
            TimeSpan timeout,
            CancellationToken cancellationToken,
            long maxOutput = MaxOutputCharacters)
        {
            var info = new ProcessStartInfo(fileName)
            {
                Arguments = ArgumentLine(arguments),
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };

            using (var process = new Process { StartInfo = info, EnableRaisingEvents = true })
            {
                var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                process.Exited += (sender, e) => exited.TrySetResult(true);
                try
                {
                    process.Start();
                }
                catch (Win32Exception failure)
                {
                    throw new StartException(fileName, failure);
                }

                var output = new OutputWatch(input.PauseLine, maxOutput);
                var errors = new OutputWatch(null, MaxErrorCharacters, dropPastLimit: true);
                var stdout = output.ReadAsync(process.StandardOutput);
                var stderr = errors.ReadAsync(process.StandardError);

                // A program that has said too much has said enough: it ends as if it had exited.
                var ended = Task.WhenAny(exited.Task, output.Exceeded);
                var timedOut = false;
                try
                {
                    var open = await WriteAsync(process, input.First).ConfigureAwait(false);
                    if (open && input.Rest != null)
                    {
                        // The first part's time limit: until the script says it has run it.
                        var first = Task.WhenAny(output.Paused, ended);
                        timedOut = !await WaitAsync(first, timeout, cancellationToken).ConfigureAwait(false);
                        if (!timedOut && output.Paused.IsCompleted && output.Paused.Result)
                        {
                            open = await WriteAsync(process, await input.Rest(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                        }
                    }

                    Close(process);
                    if (!timedOut && !await WaitAsync(ended, timeout, cancellationToken).ConfigureAwait(false))
                    {
                        timedOut = true;
                    }

                    if (timedOut || output.LimitExceeded)
                    {
                        Kill(process);
                    }
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                    throw;
                }

                process.WaitForExit();

                // A child the program left behind (killed or not) may hold its output open: what
                // came before the program ended is all there is.
                await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(ReaderGrace)).ConfigureAwait(false);
                return new ProcessOutcome(timedOut || output.LimitExceeded ? -1 : process.ExitCode, output.Text, errors.Text, timedOut, output.LimitExceeded);
            }
        }

        /// <summary>Joins arguments into one command line that the C runtime splits back into the same list.</summary>
        internal static string ArgumentLine(IReadOnlyList<string> arguments)
        {
            var line = new StringBuilder();
            foreach (var argument in arguments)
            {
                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(QuoteArgument(argument));
            }

            return line.ToString();
        }

        private static string QuoteArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '"', '\\' }) < 0)
            {
                return argument;
            }

            // The MSVCRT rules, which .NET also applies on Unix: backslashes are literal unless
            // they precede a quote; quotes are escaped with a backslash.
            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    quoted.Append('\\', (backslashes * 2) + 1);
                }
                else
                {
                    quoted.Append('\\', backslashes);
                }

                backslashes = 0;
                quoted.Append(c);
            }

            quoted.Append('\\', backslashes * 2);
            quoted.Append('"');
            return quoted.ToString();
        }

        // False when the program has stopped reading; its exit code then tells why.
        private static async Task<bool> WriteAsync(Process process, string text)
        {
            try
            {
                if (text.Length > 0)
                {
                    await process.StandardInput.WriteAsync(text).ConfigureAwait(false);
                    await process.StandardInput.FlushAsync().ConfigureAwait(false);
                }

                return true;
            }
            catch (System.IO.IOException)
            {
                return false;
            }
        }

        private static void Close(Process process)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The program exited before reading all of its input.
            }
        }

        private static async Task<bool> WaitAsync(Task exited, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var winner = await Task.WhenAny(exited, Task.Delay(timeout, delayCancel.Token)).ConfigureAwait(false);
                delayCancel.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                return winner == exited;
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
