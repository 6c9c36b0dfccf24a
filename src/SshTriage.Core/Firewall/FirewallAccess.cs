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
            var steps = Steps(packet, walkers);
            // The first base chain that does not accept decides; when all accept, the last rule that did.
            var deciding = steps.FirstOrDefault(s => s.Decision != FirewallDecision.Accept);
            return new FirewallVerdict(computerName, packet.Source, packet.Port, packet.Protocol)
            {
                Backends = steps.Select(s => s.Backend).Distinct().ToArray(),
                Path = steps.SelectMany(s => s.Path.Select(p => $"{s.Backend} {(packet.IsIPv6 ? "ipv6" : "ipv4")} {p}")).ToArray(),
                Verdict = deciding?.Decision ?? FirewallDecision.Accept,
                DecidingRule = deciding == null ? steps.LastOrDefault(s => s.Rule != null)?.Rule : deciding.Rule,
                RejectWith = deciding?.RejectWith,
                ExpectedSymptom = deciding?.Decision switch
                {
                    null => SshPortStatus.Open,
                    FirewallDecision.Drop => SshPortStatus.TimedOut,
                    FirewallDecision.Reject => RejectSymptom.SymptomOf(deciding.RejectWith, packet.IsIPv6),
                    _ => (SshPortStatus?)null,
                },
            };
        }

        /// <summary>
        /// Only the decision <see cref="Decide"/> would give, without the path and rule that
        /// explain it: what a check of 100,000 bans asks once per ban.
        /// </summary>
        internal static FirewallDecision DecisionOf(PacketQuery packet, IEnumerable<IInputPathWalker> walkers) =>
            Steps(packet, walkers).FirstOrDefault(s => s.Decision != FirewallDecision.Accept)?.Decision ?? FirewallDecision.Accept;

        private static List<BaseChainVerdict> Steps(PacketQuery packet, IEnumerable<IInputPathWalker> walkers) =>
            walkers.SelectMany(w => w.Walk(packet)).OrderBy(s => s.Priority).ToList();
    }
}
