using System;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// Feeds a script to a running command and collects what it prints, with a time limit, an
    /// output limit and cancellation that stop it. A paused script is sent in two parts, the
    /// second once the command has printed the pause line.
    /// </summary>
    public static class ScriptExchange
    {
        /// <summary>The most standard output kept: a bundle's limit (a character is at least a byte).</summary>
        public const long MaxOutputCharacters = Evidence.EvidenceLimits.MaxBundleBytes;

        /// <summary>The most standard error kept; the rest is dropped (ssh's and the tools' messages are short).</summary>
        public const long MaxErrorCharacters = 1024 * 1024;

        // How long the output may still arrive once the command has ended.
        private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Runs <paramref name="input"/> through <paramref name="channel"/>. The time limit applies
        /// to each part of a paused input; the caller's work between the parts has its own limits.
        /// A command that prints more than <paramref name="maxOutput"/> characters is stopped, and
        /// the outcome says so.
        /// </summary>
        public static async Task<ProcessOutcome> RunAsync(IScriptChannel channel, ScriptInput input, TimeSpan timeout, CancellationToken cancellationToken, long maxOutput = MaxOutputCharacters)
        {
            var output = new OutputWatch(input.PauseLine, maxOutput);
            var errors = new OutputWatch(null, MaxErrorCharacters, dropPastLimit: true);
            var stdout = output.ReadAsync(channel.Output);
            var stderr = errors.ReadAsync(channel.Error);

            // A command that has said too much has said enough: it ends as if it had exited.
            var ended = Task.WhenAny(channel.Exited, output.Exceeded);
            var timedOut = false;
            try
            {
                var open = await channel.WriteAsync(input.First).ConfigureAwait(false);
                if (open && input.Rest != null)
                {
                    // The first part's time limit: until the script says it has run it.
                    var first = Task.WhenAny(output.Paused, ended);
                    timedOut = !await WaitAsync(first, timeout, cancellationToken).ConfigureAwait(false);
                    if (!timedOut && output.Paused.IsCompleted && output.Paused.Result)
                    {
                        await channel.WriteAsync(await input.Rest(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                }

                channel.CloseInput();
                if (!timedOut && !await WaitAsync(ended, timeout, cancellationToken).ConfigureAwait(false))
                {
                    timedOut = true;
                }

                if (timedOut || output.LimitExceeded)
                {
                    channel.Abort();
                }
            }
            catch (OperationCanceledException)
            {
                channel.Abort();
                throw;
            }

            await channel.Exited.ConfigureAwait(false);

            // A child the command left behind (stopped or not) may hold its output open: what
            // came before the command ended is all there is.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(ReaderGrace)).ConfigureAwait(false);
            var stopped = timedOut || output.LimitExceeded;
            return new ProcessOutcome(stopped ? -1 : channel.ExitCode, output.Text, errors.Text, timedOut, output.LimitExceeded);
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
    }
}
