using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Firewall;
using SshTriage.Net;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Nothing reaches the server: the client times out (or hears "unreachable") although the
    /// server's firewalls accept the connection and sshd listens for it. Inferred, unless a hop
    /// given with -Hop shows the forwarding rule that drops it.
    /// </summary>
    public sealed class UpstreamFilterRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.UpstreamFilter;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Probe?.ConnectTime == null ? null : $"the probes connected to {context.ComputerName} ({context.Probe.Status}).";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var probe = context.Probe;
            if (probe == null || (probe.Status != SshPortStatus.TimedOut && probe.Status != SshPortStatus.HostUnreachable)
                || context.Verdict?.Verdict != FirewallDecision.Accept || !Listening(context))
            {
                yield break;
            }

            var evidence = new List<CauseEvidence>
            {
                new CauseEvidence("client", $"Test-SshPort from {context.Window!.Origin}", probe.Status.ToString()),
                context.Quote("Test-FirewallAccess", $"{context.Verdict.SourceAddress} to port {context.Port}: Accept"),
                context.Quote("ss -H -ltnp", $"sshd listens on port {context.Port}"),
            };
            if (context.Correlation?.NewLog is IReadOnlyList<SshLogEvent> fresh && fresh.Count == 0)
            {
                evidence.Add(context.Quote("sshd log", "no line during the probes"));
            }

            var blocking = context.Hops.SelectMany(h => ForwardDrops(h, context.ClientAddress, context.Port)).ToList();
            evidence.AddRange(blocking.Select(b => b.Evidence));
            yield return new SshRejectCause(
                context,
                Cause,
                blocking.Count > 0 ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                blocking.Count > 0
                    ? $"{blocking[0].Host} drops forwarded connections to port {context.Port} before they reach {context.ComputerName}."
                    : $"The connections never reach {context.ComputerName}: its firewalls accept them and sshd listens, yet the client sees {probe.Status}. A filter on the way (a cloud security group, a router ACL, a gateway's firewall) drops them, or the replies take another route back.",
                evidence.ToArray())
            {
                Remedy = blocking.Count > 0
                    ? $"Allow port {context.Port} in {blocking[0].Host}'s forwarding rules."
                    : "Check the filters between the client and the server: cloud security groups or network ACLs, and the firewalls of the gateways on the path (give them with -Hop).",
                RemedyCommand = blocking.Count > 0
                    ? $"Get-FirewallRule -ComputerName {blocking[0].Host} -Port {context.Port}"
                    : context.Gateway == null ? null : context.Command("Find-SshRejectCause", $"-Port {context.Port} -Hop {context.Gateway}"),
            };
        }

        private static bool Listening(DiagnosisContext context) =>
            !context.Evidence.Facts.IsRoot
                ? context.Listeners.Any(l => l.Port == context.Port)
                : context.Listeners.Any(l => l.Port == context.Port && l.Processes.Any(p => p.Name == "sshd" || p.Name == "systemd") && !l.Address.StartsWith("127.", System.StringComparison.Ordinal) && l.Address != "::1");

        // Rules on the forward path (iptables' FORWARD, nftables' forward hook) that drop or
        // reject the client's connection to the port.
        private static IEnumerable<(string Host, CauseEvidence Evidence)> ForwardDrops(ServerEvidence hop, IPAddress? client, int port)
        {
            var firewall = FirewallEvidence.Read(hop);
            var forwardChains = new HashSet<(string, string, string)>(
                firewall.Nftables?.Chains.Where(c => c.Hook == "forward").Select(c => (NftRuleCompiler.FamilyName(c.Family), c.Table, c.Name)) ?? Enumerable.Empty<(string, string, string)>());
            return firewall.Rules()
                .Where(r => (r.Action == FirewallAction.Drop || r.Action == FirewallAction.Reject)
                    && (r.Chain == "FORWARD" || forwardChains.Contains((r.Family, r.Table, r.Chain)))
                    && JailPorts.Covers(r.DestinationPort, port)
                    && (r.Source == null || client == null || (IPPrefix.TryParse(r.Source, out var prefix) && prefix.Contains(client))))
                .Select(r => (hop.ComputerName, new CauseEvidence(hop.ComputerName, r.Backend.ToString(), $"{r.Table}/{r.Chain} rule {r.Index}: {r.Text}{(r.Packets > 0 ? $" ({r.Packets} packets counted)" : string.Empty)}")));
        }
    }
}
