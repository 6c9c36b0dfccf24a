using System;
using System.Linq;
using System.Net;
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
    public sealed class SshPortScan : ITargetScan
    {
        private readonly SshPortScanOptions options;
        private readonly IHostResolver resolver;
        private readonly SshPortProbe probe;
        private readonly ThrottledWork work;

        /// <summary>Creates a scan; <paramref name="cancellationToken"/> stops every probe at once.</summary>
        public SshPortScan(SshPortScanOptions options, IHostResolver resolver, CancellationToken cancellationToken)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            probe = new SshPortProbe(options.Timeout);
            work = new ThrottledWork(options.ThrottleLimit, "Test-SshPort", "targets probed", 1, cancellationToken);
        }

        /// <summary>
        /// Starts probing every address of <paramref name="computerName"/>. A malformed name or
        /// port is reported to <paramref name="sink"/> at once and nothing is probed. A name may
        /// carry its port ("host:2222", "[2001:db8::7]:2222"): it is used unless
        /// <paramref name="port"/> was given too (<paramref name="portIsDefault"/> false) and
        /// differs, which is a PortConflict error.
        /// </summary>
        public void Add(string computerName, int port, IOperationSink sink, bool portIsDefault = false)
        {
            if (!ProbeTargetName.TryRead(computerName, port, portIsDefault, out var name, out var targetPort, out var literal, out var error))
            {
                sink.WriteError(error!);
                return;
            }

            work.Start(name, "SshPortProbeFailed", (emit, token) => ProbeTargetAsync(name, literal, targetPort, emit, token));
        }

        /// <summary>Writes the results that are ready, without waiting.</summary>
        public void WriteCompleted(IOperationSink sink) => work.WriteCompleted(sink);

        /// <summary>Waits for every probe, writing results as they complete. Throws OperationCanceledException when cancelled.</summary>
        public void WriteRemaining(IOperationSink sink) => work.WriteRemaining(sink);

        private async Task ProbeTargetAsync(string computerName, IPAddress? literal, int port, Action<object> emit, CancellationToken token)
        {
            var addresses = literal != null ? new[] { literal } : await ResolveAsync(computerName, port, emit, token).ConfigureAwait(false);
            await Task.WhenAll(addresses.Select(async address => emit(await probe.ProbeAsync(computerName, address, port, token).ConfigureAwait(false)))).ConfigureAwait(false);
        }

        private async Task<IPAddress[]> ResolveAsync(string computerName, int port, Action<object> emit, CancellationToken token)
        {
            var timestamp = DateTimeOffset.Now;
            var (addresses, error) = await HostLookup.ResolveAsync(resolver, computerName, options.Timeout, token).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                emit(new SshPortResult(computerName, null, port, SshPortStatus.NameNotResolved, timestamp) { SocketError = error });
            }

            return addresses;
        }
    }
}
