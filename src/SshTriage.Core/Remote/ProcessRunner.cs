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

        /// <summary>Runs <paramref name="fileName"/> and waits for it, at most <paramref name="timeout"/>.</summary>
        public static async Task<ProcessOutcome> RunAsync(
            string fileName,
            IReadOnlyList<string> arguments,
            string? standardInput,
            TimeSpan timeout,
            CancellationToken cancellationToken)
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

                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await WriteInputAsync(process, standardInput).ConfigureAwait(false);

                var timedOut = false;
                try
                {
                    if (!await WaitAsync(exited.Task, timeout, cancellationToken).ConfigureAwait(false))
                    {
                        timedOut = true;
                        Kill(process);
                    }
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                    throw;
                }

                process.WaitForExit();
                var output = await stdout.ConfigureAwait(false);
                var error = await stderr.ConfigureAwait(false);
                return new ProcessOutcome(timedOut ? -1 : process.ExitCode, output, error, timedOut);
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

        private static async Task WriteInputAsync(Process process, string? standardInput)
        {
            try
            {
                if (!string.IsNullOrEmpty(standardInput))
                {
                    await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
                }

                process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The program exited before reading its input; its exit code tells why.
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
