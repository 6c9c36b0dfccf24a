using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Handshake;
using SshTriage.Operations;
using SshTriage.Probing;
using SshTriage.Remote;
using SshTriage.Remote.Loading;

namespace SshTriage.Login
{
    /// <summary>
    /// Test-SshLogin's work: for each target, one probe connection that reads the identification
    /// line and the server's KEXINIT and closes (as Test-SshPort), then one login connection that
    /// goes as far as the server lets it. Targets run at once up to the throttle limit, and results
    /// come back on the caller's thread.
    /// </summary>
    public sealed class SshLoginScan : ITargetScan
    {
        private readonly SshLoginOptions options;
        private readonly IHostResolver resolver;
        private readonly Func<ISshLoginClient> client;
        private readonly ThrottledWork work;

        /// <summary>Creates a scan; <paramref name="client"/> defaults to the privately loaded SSH.NET adapter.</summary>
        public SshLoginScan(SshLoginOptions options, IHostResolver resolver, CancellationToken cancellationToken, Func<ISshLoginClient>? client = null)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            this.client = client ?? SshNetAdapter.LoadLoginClient;
            work = new ThrottledWork(options.ThrottleLimit, "Test-SshLogin", "logins walked", 2, cancellationToken);
        }

        /// <summary>
        /// Starts walking <paramref name="computerName"/> (a name or address, alone or with its port).
        /// A malformed name, port, user, key path or fingerprint is reported to <paramref name="sink"/> at once and nothing connects.
        /// </summary>
        public void Add(string computerName, int port, IOperationSink sink, bool portIsDefault = false)
        {
            if (!ProbeTargetName.TryRead(computerName, port, portIsDefault, out var name, out var targetPort, out var literal, out var error))
            {
                sink.WriteError(error!);
                return;
            }

            var login = new RemoteLogin(SshTransport.SshNet, options.Credential, null, options.HostKeyFingerprints);
            if (!RemoteTargetBuilder.TryBuild(name, options.UserName, options.KeyFilePath, targetPort, null, options.KnownHostsOptions, false, options.Timeout, out var target, out var problem, login))
            {
                sink.WriteError(RemoteTargetBuilder.InvalidTarget(name, problem));
                return;
            }

            work.Start(name, "SshLoginFailed", (emit, token) => WalkAsync(target!, literal, emit, token));
        }

        /// <summary>Writes the results that are ready, without waiting.</summary>
        public void WriteCompleted(IOperationSink sink) => work.WriteCompleted(sink);

        /// <summary>Waits for every walk, writing results as they complete. Throws OperationCanceledException when cancelled.</summary>
        public void WriteRemaining(IOperationSink sink) => work.WriteRemaining(sink);

        private async Task WalkAsync(RemoteTarget target, IPAddress? literal, Action<object> emit, CancellationToken token)
        {
            var address = literal;
            if (address == null)
            {
                var timestamp = DateTimeOffset.Now;
                var (addresses, error) = await HostLookup.ResolveAsync(resolver, target.ComputerName, options.Timeout, token).ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    var unresolved = new SshPortResult(target.ComputerName, null, target.Port, SshPortStatus.NameNotResolved, timestamp) { SocketError = error };
                    emit(SshLoginReport.Build(target.LoginName, new KexInitProbeResult(unresolved, null, null, null), null));
                    return;
                }

                address = addresses[0];
            }

            var probe = await new KexInitProbe(options.Timeout).ProbeAsync(target.ComputerName, address, target.Port, token).ConfigureAwait(false);
            SshLoginTrace? trace = null;
            if (probe.Port.Status == SshPortStatus.Open && probe.ServerKexInit != null)
            {
                try
                {
                    trace = await client().LoginAsync(target, address, options.HostKeyAlgorithms, token).ConfigureAwait(false);
                }
                catch (SshNetUnavailableException missing)
                {
                    emit(RemoteErrors.TransportUnavailable(target.ComputerName, missing.Message, "Reinstall the module: its SshNet folder is incomplete."));
                    return;
                }
                catch (RemoteShellException refused)
                {
                    emit(refused.Error);
                    return;
                }
            }

            emit(SshLoginReport.Build(target.LoginName, probe, trace));
        }
    }
}
