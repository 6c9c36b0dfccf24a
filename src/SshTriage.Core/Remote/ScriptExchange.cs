using System;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// Feeds a script to a running command and collects what it prints, with a time limit and
    /// cancellation that stop it. A paused script is sent in two parts, the second once the
    /// command has printed the pause line.
    /// </summary>
    public static class ScriptExchange
    {
        /// <summary>
        /// Runs <paramref name="input"/> through <paramref name="channel"/>. The time limit applies
        /// to each part of a paused input; the caller's work between the parts has its own limits.
        /// </summary>
        public static async Task<ProcessOutcome> RunAsync(IScriptChannel channel, ScriptInput input, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var output = new OutputWatch(input.PauseLine);
            var stdout = output.ReadAsync(channel.Output);
            var stderr = channel.Error.ReadToEndAsync();
            var timedOut = false;
            try
            {
                var open = await channel.WriteAsync(input.First).ConfigureAwait(false);
                if (open && input.Rest != null)
                {
                    // The first part's time limit: until the script says it has run it.
                    var first = Task.WhenAny(output.Paused, channel.Exited);
                    timedOut = !await WaitAsync(first, timeout, cancellationToken).ConfigureAwait(false);
                    if (!timedOut && output.Paused.IsCompleted && output.Paused.Result)
                    {
                        await channel.WriteAsync(await input.Rest(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                }

                channel.CloseInput();
                if (!timedOut && !await WaitAsync(channel.Exited, timeout, cancellationToken).ConfigureAwait(false))
                {
                    timedOut = true;
                }

                if (timedOut)
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
            await stdout.ConfigureAwait(false);
            var error = await stderr.ConfigureAwait(false);
            return new ProcessOutcome(timedOut ? -1 : channel.ExitCode, output.Text, error, timedOut);
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
