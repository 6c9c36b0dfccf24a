using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Firewall;
using SshTriage.Sshd;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// What changed on the server while the probes ran: the firewall rules whose counters rose
    /// and sshd's log lines written meanwhile. The collector reads counters and the newest log
    /// line just before its pause (sections named with <see cref="BeforePrefix"/>) and
    /// everything again after it, in the same ssh session.
    /// </summary>
    public sealed class Correlation
    {
        /// <summary>The prefix of the sections read before the probes.</summary>
        public const string BeforePrefix = "before-";

        private static readonly Regex CounterValues = new Regex(@"packets [0-9]+ bytes [0-9]+", RegexOptions.CultureInvariant);

        private Correlation(IReadOnlyList<CounterMove> moved, IReadOnlyList<SshLogEvent>? newLog)
        {
            Moved = moved;
            NewLog = newLog;
        }

        /// <summary>The sections the collector reads before it pauses.</summary>
        public static IReadOnlyList<CollectorSection> BeforeSections { get; } = new[]
        {
            Before(FirewallSections.IptablesSave),
            Before(FirewallSections.NftJson),
            Before(CollectorSections.SshdLog(null, null, null, 1)),
        };

        /// <summary>Rules whose packet counters rose during the probes.</summary>
        public IReadOnlyList<CounterMove> Moved { get; }

        /// <summary>sshd's log lines written during the probes; null when the log could not be compared (rotated, unreadable).</summary>
        public IReadOnlyList<SshLogEvent>? NewLog { get; }

        /// <summary>The counter move of <paramref name="rule"/>, when it moved.</summary>
        public CounterMove? MoveOf(FirewallRule? rule) => rule == null ? null : Moved.FirstOrDefault(m => Key(m.Rule) == Key(rule) && m.Rule.Index == rule.Index);

        /// <summary>Compares the before and after reads of <paramref name="evidence"/>; null when it holds no before reads.</summary>
        public static Correlation? Read(ServerEvidence evidence, IReadOnlyList<SshLogEvent> logAfter)
        {
            var before = evidence.Bundle.WithPrefix(BeforePrefix);
            if (before.Records.Count == 0)
            {
                return null;
            }

            var beforeEvidence = new ServerEvidence(evidence.ComputerName, before);
            var counted = Occurrences(FirewallEvidence.Read(beforeEvidence).Rules()).ToDictionary(p => p.Key, p => p.Rule.Packets);
            var moved = Occurrences(FirewallEvidence.Read(evidence).Rules())
                .Where(p => p.Rule.Packets.HasValue && counted.TryGetValue(p.Key, out var old) && old.HasValue && p.Rule.Packets.Value > old.Value)
                .Select(p => new CounterMove(p.Rule, counted[p.Key]!.Value))
                .ToList();
            var lastBefore = new SshLogReader(new SshLogFilter(null, null, null, null)).Read(beforeEvidence).OfType<SshLogEvent>().LastOrDefault();
            return new Correlation(moved, After(lastBefore, before[CollectorSections.Names.SshdLog], logAfter));
        }

        private static CollectorSection Before(CollectorSection section) => new CollectorSection(BeforePrefix + section.Name, section.Tool, section.Command);

        // The lines after the last one read before; all of them when the log was empty then.
        private static IReadOnlyList<SshLogEvent>? After(SshLogEvent? lastBefore, EvidenceRecord? record, IReadOnlyList<SshLogEvent> logAfter)
        {
            if (record == null || !record.Succeeded)
            {
                return null;
            }

            if (lastBefore == null)
            {
                return logAfter;
            }

            for (var i = logAfter.Count - 1; i >= 0; i--)
            {
                if (logAfter[i].Message == lastBefore.Message && logAfter[i].ProcessId == lastBefore.ProcessId && SameSecond(logAfter[i].Time, lastBefore.Time))
                {
                    return logAfter.Skip(i + 1).ToList();
                }
            }

            return null;
        }

        // The before read has no clock of its own, so only the time of day is compared.
        private static bool SameSecond(DateTimeOffset? a, DateTimeOffset? b) =>
            a.HasValue && b.HasValue && a.Value.ToString("MMdd HHmmss", System.Globalization.CultureInfo.InvariantCulture) == b.Value.ToString("MMdd HHmmss", System.Globalization.CultureInfo.InvariantCulture);

        // A rule's identity across the two reads: where it is and what it says (without its
        // counter), numbered when the same rule appears twice. Not its index: Fail2Ban inserts
        // new bans at the top of its chain.
        private static IEnumerable<(string Key, FirewallRule Rule)> Occurrences(IEnumerable<FirewallRule> rules)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                var key = Key(rule);
                seen[key] = seen.TryGetValue(key, out var n) ? n + 1 : 1;
                yield return (key + "#" + seen[key], rule);
            }
        }

        private static string Key(FirewallRule rule) =>
            $"{rule.Backend}|{rule.Family}|{rule.Table}|{rule.Chain}|{CounterValues.Replace(rule.Text, string.Empty)}";
    }
}
