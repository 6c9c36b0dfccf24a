using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Combines what every base chain on the input hook does with a packet, across iptables
    /// (both backends) and nftables: the chains run in priority order, and the packet must pass
    /// all of them, so the first one that does not accept decides.
    /// </summary>
    public static class FirewallAccess
    {
        /// <summary>Builds the verdict for <paramref name="packet"/> from the walkers' base-chain verdicts.</summary>
        public static FirewallVerdict Decide(string computerName, PacketQuery packet, IEnumerable<IInputPathWalker> walkers)
        {
            var steps = walkers.SelectMany(w => w.Walk(packet)).OrderBy(s => s.Priority).ToList();
            var verdict = new FirewallVerdict(computerName, packet.Source, packet.Port, packet.Protocol)
            {
                Backends = steps.Select(s => s.Backend).Distinct().ToArray(),
                Path = steps.SelectMany(s => s.Path.Select(p => $"{s.Backend} {(packet.IsIPv6 ? "ipv6" : "ipv4")} {p}")).ToArray(),
            };

            var deciding = steps.FirstOrDefault(s => s.Decision != FirewallDecision.Accept);
            if (deciding == null)
            {
                verdict.Verdict = FirewallDecision.Accept;
                verdict.DecidingRule = steps.LastOrDefault(s => s.Rule != null)?.Rule;
                verdict.ExpectedSymptom = SshPortStatus.Open;
                return verdict;
            }

            verdict.Verdict = deciding.Decision;
            verdict.DecidingRule = deciding.Rule;
            verdict.RejectWith = deciding.RejectWith;
            verdict.ExpectedSymptom = deciding.Decision switch
            {
                FirewallDecision.Drop => SshPortStatus.TimedOut,
                FirewallDecision.Reject => RejectSymptom.SymptomOf(deciding.RejectWith, packet.IsIPv6),
                _ => (SshPortStatus?)null,
            };
            return verdict;
        }
    }
}
