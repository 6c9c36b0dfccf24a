using System;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>Bounds a wait on a task that cannot be cancelled itself (socket calls on .NET Framework).</summary>
    internal static class TaskTimeout
    {
        /// <summary>
        /// Returns true when <paramref name="task"/> finished within <paramref name="timeout"/>;
        /// false on timeout; throws OperationCanceledException when cancelled. The caller then
        /// disposes what the task waits on; the task's late fault is observed here.
        /// </summary>
        public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout <= TimeSpan.Zero)
            {
                timeout = TimeSpan.FromMilliseconds(1);
            }

            using (var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(timeout, delayCancel.Token);
                var winner = await Task.WhenAny(task, delay).ConfigureAwait(false);
                if (winner == task)
                {
                    delayCancel.Cancel();
                    return true;
                }
            }

            Observe(task);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }

        private static void Observe(Task task)
        {
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
