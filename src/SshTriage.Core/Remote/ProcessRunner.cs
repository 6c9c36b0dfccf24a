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
            long maxOutput = ScriptExchange.MaxOutputCharacters)
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
                var channel = new ProcessChannel(process);
                try
                {
                    process.Start();
                }
                catch (Win32Exception failure)
                {
                    throw new StartException(fileName, failure);
                }

                return await ScriptExchange.RunAsync(channel, input, timeout, cancellationToken, maxOutput).ConfigureAwait(false);
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
    }
}
