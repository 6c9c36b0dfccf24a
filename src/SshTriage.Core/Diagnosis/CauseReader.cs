using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Accounts;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Probing;
using SshTriage.Remote;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// Find-SshRejectCause's work for one server. The collector reads counters and the newest
    /// log line, pauses while the probes run from the origin (this machine or -FromHost) and
    /// the hops are read, then reads everything else, with what concerns the client
    /// (<see cref="ClientSections"/>) — one ssh process to the server. The rules then rank the causes.
    /// </summary>
    public sealed class CauseReader : ICollectorPause
    {
        private readonly int port;
        private readonly IPAddress? clientAddress;
        private readonly string? clientUser;
        private readonly IProbeOrigin? origin;
        private readonly IReadOnlyList<RemoteTarget> hops;
        private readonly bool includeCleared;
        private readonly IRemoteShell ssh;
        private readonly ClientPublicKey? clientKey;
        private readonly ConcurrentDictionary<string, (ProbeWindow Window, IReadOnlyList<object> Hops)> paused =
            new ConcurrentDictionary<string, (ProbeWindow, IReadOnlyList<object>)>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Creates a reader. Without <paramref name="origin"/> nothing is probed (a saved bundle, or
        /// -Local): the collector then runs in one piece and the causes rest on the server's state alone.
        /// </summary>
        public CauseReader(int port, IPAddress? clientAddress, string? clientUser, IProbeOrigin? origin, IReadOnlyList<RemoteTarget>? hops = null, bool includeCleared = false, IRemoteShell? ssh = null, ClientPublicKey? clientKey = null)
        {
            this.clientKey = clientKey;
            this.port = port;
            this.clientAddress = clientAddress;
            this.clientUser = clientUser;
            this.origin = origin;
            this.hops = hops ?? Array.Empty<RemoteTarget>();
            this.includeCleared = includeCleared;
            this.ssh = ssh ?? TransportShell.Default;
            // The server query runs the meta section first for every plan.
            var sections = CollectorSections.All.Where(s => s.Name != CollectorSections.Names.Meta).ToList();
            if (origin == null && clientAddress != null)
            {
                sections.AddRange(ClientSections.For(clientAddress, clientUser, port));
            }

            Sections = sections;
        }

        /// <summary>The sections read after the pause (or in one piece without a probe).</summary>
        public IReadOnlyList<CollectorSection> Sections { get; }

        /// <summary>The pause to give the server query: null when nothing is probed.</summary>
        public ICollectorPause? Pause => origin == null ? null : this;

        /// <inheritdoc />
        public IReadOnlyList<CollectorSection> Before => Correlation.BeforeSections;

        /// <summary>The sections a hop's collector reads: what can block or ban on the way.</summary>
        public static IReadOnlyList<CollectorSection> HopSections { get; } = new[]
        {
            CollectorSections.Meta,
            Fail2Ban.Fail2BanSections.Fail2Ban,
            Firewall.FirewallSections.IptablesSave,
            Firewall.FirewallSections.NftJson,
            Firewall.FirewallSections.Ipset,
        };

        /// <inheritdoc />
        public async Task<IReadOnlyList<CollectorSection>> ActAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            var hopReads = hops.Select(h => ReadHopAsync(h, cancellationToken)).ToList();
            var window = await origin!.ProbeAsync(target.ComputerName, port, cancellationToken).ConfigureAwait(false);
            var hopEvidence = await Task.WhenAll(hopReads).ConfigureAwait(false);
            paused[target.ComputerName] = (window, hopEvidence);
            var client = clientAddress ?? window.OriginAddress;
            return client == null ? Array.Empty<CollectorSection>() : ClientSections.For(client, clientUser, port);
        }

        /// <inheritdoc />
        public async Task<IReadOnlyList<object>> WithoutEvidenceAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            // The collector may have failed after its pause: the probes then already ran.
            var window = paused.TryGetValue(target.ComputerName, out var pause)
                ? pause.Window
                : await origin!.ProbeAsync(target.ComputerName, port, cancellationToken).ConfigureAwait(false);
            var result = new List<object>();
            if (window.Failure != null)
            {
                result.Add(window.Failure);
            }

            result.AddRange(ClientSideDiagnosis.Diagnose(target.ComputerName, port, clientAddress ?? window.OriginAddress, window));
            return result;
        }

        /// <summary>The ranked causes for one server's evidence, and errors about what could not be read.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence)
        {
            paused.TryGetValue(evidence.ComputerName, out var pause);
            var window = pause.Window;
            if (window?.Failure != null)
            {
                yield return window.Failure;
            }

            var hopEvidence = new List<ServerEvidence>();
            foreach (var hop in pause.Hops ?? Array.Empty<object>())
            {
                if (hop is ServerEvidence read)
                {
                    hopEvidence.Add(read);
                }
                else
                {
                    yield return hop;
                }
            }

            // Evidence with nothing to diagnose (a bundle of a header and a last line) says so
            // rather than "nothing explains a refusal"; an older bundle without a newer section
            // is read for what it has.
            if (CollectorSections.All.All(s => s.Name == CollectorSections.Names.Meta || evidence.Bundle[s.Name] == null))
            {
                yield return EvidenceErrors.NothingToDiagnose(evidence);
            }

            var client = clientAddress ?? window?.OriginAddress;
            var route = evidence.Bundle[ClientSections.Route] is EvidenceRecord record && record.Succeeded ? record.StandardOutput : null;
            var context = new DiagnosisContext(evidence, port, client, clientUser, window?.Failure == null ? window : null, route) { Hops = hopEvidence, ClientKey = clientKey };
            foreach (var cause in Diagnoser.Diagnose(context, includeCleared))
            {
                yield return cause;
            }
        }

        private async Task<object> ReadHopAsync(RemoteTarget hop, CancellationToken cancellationToken)
        {
            var (outcome, failure) = await ScriptRunner.RunAsync(ssh, ssh, hop, ScriptInput.Whole(CollectorScript.Build(HopSections)), RemoteFailure.CollectorMarker, cancellationToken).ConfigureAwait(false);
            if (failure != null)
            {
                return failure;
            }

            try
            {
                return new ServerEvidence(hop.ComputerName, EvidenceBundle.Parse(outcome!.StandardOutput, hop.ComputerName));
            }
            catch (EvidenceFormatException damaged)
            {
                return damaged.ToError(hop.ComputerName, "Run again; if it persists, check what the hop's login shell prints.");
            }
        }
    }
}
