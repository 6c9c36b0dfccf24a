using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Operations
{
    /// <summary>
    /// Runs work items concurrently, up to a throttle limit, and hands what they produce back
    /// to the caller's thread: work may be added while earlier items still run, so pipeline
    /// input streams through, and every sink call happens on the thread that drains.
    /// </summary>
    public sealed class ThrottledWork
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly SemaphoreSlim throttle;
        private readonly SemaphoreSlim signal = new SemaphoreSlim(0);
        private readonly ConcurrentQueue<object> produced = new ConcurrentQueue<object>();
        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
        private readonly int progressId;
        private readonly string activity;
        private readonly string unit;
        private int added;
        private int finished;
        private bool progressShown;

        /// <summary>Creates a runner; <paramref name="cancellationToken"/> stops every item.</summary>
        /// <param name="throttleLimit">How many items run at once.</param>
        /// <param name="activity">The progress bar's title, e.g. the cmdlet name.</param>
        /// <param name="unit">What an item is, plural, for the progress text, e.g. "targets probed".</param>
        /// <param name="progressId">The progress activity id.</param>
        /// <param name="cancellationToken">Cancels waiting and running items.</param>
        public ThrottledWork(int throttleLimit, string activity, string unit, int progressId, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            }

            throttle = new SemaphoreSlim(throttleLimit);
            this.activity = activity;
            this.unit = unit;
            this.progressId = progressId;
            CancellationToken = cancellationToken;
        }

        /// <summary>The token every item should observe.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>
        /// Starts an item once a slot is free. The item calls <c>emit</c> with output objects or
        /// <see cref="TriageError"/>s; an exception it throws becomes an error with <paramref name="failureId"/>.
        /// </summary>
        public void Start(object target, string failureId, Func<Action<object>, CancellationToken, Task> work)
        {
            Interlocked.Increment(ref added);
            Task.Run(() => RunAsync(target, failureId, work));
        }

        /// <summary>Writes what is ready, without waiting.</summary>
        public void WriteCompleted(IOperationSink sink)
        {
            while (produced.TryDequeue(out var item))
            {
                if (item is TriageError error)
                {
                    sink.WriteError(error);
                }
                else
                {
                    sink.WriteObject(item);
                }
            }

            ReportProgress(sink);
        }

        /// <summary>Waits for every item, writing output as it arrives. Throws OperationCanceledException when cancelled.</summary>
        public void WriteRemaining(IOperationSink sink)
        {
            while (Volatile.Read(ref finished) < Volatile.Read(ref added) || !produced.IsEmpty)
            {
                signal.Wait(ProgressInterval, CancellationToken);
                WriteCompleted(sink);
            }

            // Items end quietly when cancelled, so the loop can finish before it sees the token.
            CancellationToken.ThrowIfCancellationRequested();
            if (progressShown)
            {
                sink.WriteProgress(new ProgressInfo(progressId, activity, "Done", 100, Completed: true));
            }
        }

        private async Task RunAsync(object target, string failureId, Func<Action<object>, CancellationToken, Task> work)
        {
            var throttled = false;
            try
            {
                await throttle.WaitAsync(CancellationToken).ConfigureAwait(false);
                throttled = true;
                await work(Emit, CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                // Stopped by the user: nothing more to report.
            }
            catch (Exception unexpected)
            {
                Emit(new TriageError(failureId, unexpected, TriageErrorCategory.NotSpecified, target, "Report this with the command that produced it."));
            }
            finally
            {
                if (throttled)
                {
                    throttle.Release();
                }

                Interlocked.Increment(ref finished);
                signal.Release();
            }
        }

        private void Emit(object item)
        {
            produced.Enqueue(item);
            signal.Release();
        }

        private void ReportProgress(IOperationSink sink)
        {
            var total = Volatile.Read(ref added);
            if (total < 2 || sinceProgress.Elapsed < ProgressInterval)
            {
                return;
            }

            sinceProgress.Restart();
            progressShown = true;
            var done = Volatile.Read(ref finished);
            sink.WriteProgress(new ProgressInfo(progressId, activity, $"{done} of {total} {unit}", (int)(100L * done / total)));
        }
    }
}
