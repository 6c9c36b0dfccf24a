using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Operations;

namespace SshTriage.Probing
{
    /// <summary>
    /// Probes many targets at once, up to a throttle limit, and hands results back on the
    /// caller's thread as they complete. Targets can be added while earlier ones are still being
    /// probed, so pipeline input streams through.
    /// </summary>
    public sealed class SshPortScan
    {
        private const int ProgressActivityId = 1;
        private const string ProgressActivity = "Test-SshPort";
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly SshPortScanOptions options;
        private readonly IHostResolver resolver;
        private readonly SshPortProbe probe;
        private readonly CancellationToken cancellationToken;
        private readonly SemaphoreSlim throttle;
        private readonly SemaphoreSlim signal = new SemaphoreSlim(0);
        private readonly ConcurrentQueue<object> completed = new ConcurrentQueue<object>();
        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
        private int added;
        private int finished;
        private bool progressShown;

        /// <summary>Creates a scan; <paramref name="cancellationToken"/> stops every probe at once.</summary>
        public SshPortScan(SshPortScanOptions options, IHostResolver resolver, CancellationToken cancellationToken)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            this.cancellationToken = cancellationToken;
            probe = new SshPortProbe(options.Timeout);
            throttle = new SemaphoreSlim(options.ThrottleLimit);
        }

        /// <summary>
        /// Starts probing every address of <paramref name="computerName"/>. A malformed name or
        /// port is reported to <paramref name="sink"/> at once and nothing is probed.
        /// </summary>
        public void Add(string computerName, int port, IOperationSink sink)
        {
            if (port < 1 || port > 65535)
            {
                sink.WriteError(new TriageError(
                    "InvalidPort",
                    new ArgumentException($"Port {port} is outside 1-65535."),
                    TriageErrorCategory.InvalidArgument,
                    port,
                    "Give a TCP port between 1 and 65535."));
                return;
            }

            if (!ComputerNameParser.TryParse(computerName, out var literal, out var problem))
            {
                sink.WriteError(new TriageError(
                    "InvalidComputerName",
                    new ArgumentException(problem),
                    TriageErrorCategory.InvalidArgument,
                    computerName,
                    "Give a host name, an IPv4 address such as 198.51.100.7, or an IPv6 address such as 2001:db8::7."));
                return;
            }

            Interlocked.Increment(ref added);
            var name = computerName.Trim();
            Task.Run(() => ProbeTargetAsync(name, literal, port));
        }

        /// <summary>Writes the results that are ready, without waiting.</summary>
        public void WriteCompleted(IOperationSink sink)
        {
            while (completed.TryDequeue(out var item))
            {
                Write(item, sink);
            }

            ReportProgress(sink);
        }

        /// <summary>Waits for every probe, writing results as they complete. Throws OperationCanceledException when cancelled.</summary>
        public void WriteRemaining(IOperationSink sink)
        {
            while (Volatile.Read(ref finished) < Volatile.Read(ref added) || !completed.IsEmpty)
            {
                signal.Wait(ProgressInterval, cancellationToken);
                WriteCompleted(sink);
            }

            // Probes end quietly when cancelled, so the loop can finish before it sees the token.
            cancellationToken.ThrowIfCancellationRequested();

            if (progressShown)
            {
                sink.WriteProgress(new ProgressInfo(ProgressActivityId, ProgressActivity, "Done", 100, completed: true));
            }
        }

        private async Task ProbeTargetAsync(string computerName, IPAddress? literal, int port)
        {
            var throttled = false;
            try
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                throttled = true;
                var addresses = literal != null ? new[] { literal } : await ResolveAsync(computerName, port).ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    return;
                }

                var probes = addresses.Select(a => ProbeAndQueueAsync(computerName, a, port)).ToArray();
                await Task.WhenAll(probes).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped by the user: nothing more to report.
            }
            catch (Exception unexpected)
            {
                Enqueue(new TriageError(
                    "SshPortProbeFailed",
                    unexpected,
                    TriageErrorCategory.NotSpecified,
                    computerName,
                    "Report this with the command that produced it."));
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

        private async Task ProbeAndQueueAsync(string computerName, IPAddress address, int port)
        {
            Enqueue(await probe.ProbeAsync(computerName, address, port, cancellationToken).ConfigureAwait(false));
        }

        private async Task<IPAddress[]> ResolveAsync(string computerName, int port)
        {
            var timestamp = DateTimeOffset.Now;
            SocketError error;
            try
            {
                var lookup = resolver.ResolveAsync(computerName, cancellationToken);
                if (await TaskTimeout.CompletesWithinAsync(lookup, options.Timeout, cancellationToken).ConfigureAwait(false))
                {
                    var addresses = await lookup.ConfigureAwait(false);
                    if (addresses.Length > 0)
                    {
                        return addresses;
                    }

                    error = System.Net.Sockets.SocketError.NoData;
                }
                else
                {
                    error = System.Net.Sockets.SocketError.TimedOut;
                }
            }
            catch (SocketException failure)
            {
                error = failure.SocketErrorCode;
            }

            Enqueue(new SshPortResult(computerName, null, port, SshPortStatus.NameNotResolved, timestamp) { SocketError = error });
            return Array.Empty<IPAddress>();
        }

        private void Enqueue(object item)
        {
            completed.Enqueue(item);
            signal.Release();
        }

        private static void Write(object item, IOperationSink sink)
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
            sink.WriteProgress(new ProgressInfo(
                ProgressActivityId,
                ProgressActivity,
                $"{done} of {total} targets probed",
                (int)(100L * done / total)));
        }
    }
}
