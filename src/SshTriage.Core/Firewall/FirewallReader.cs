using System.Collections.Generic;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Operations;

namespace SshTriage.Firewall
{
    /// <summary>Get-FirewallRule's reading of the evidence: every firewall's rules, typed, filtered.</summary>
    public sealed class FirewallReader
    {
        private readonly FirewallRuleFilter filter;

        /// <summary>Creates a reader that keeps the rules <paramref name="filter"/> keeps.</summary>
        public FirewallReader(FirewallRuleFilter filter) => this.filter = filter;

        /// <summary>The collector sections the firewall cmdlets read.</summary>
        public static IReadOnlyList<CollectorSection> Sections { get; } = new[]
        {
            FirewallSections.IptablesSave, FirewallSections.NftJson, FirewallSections.Ipset, FirewallSections.Ufw, FirewallSections.Firewalld,
        };

        /// <summary>The rules and the errors about what could not be read.</summary>
        public IEnumerable<object> ReadRules(ServerEvidence evidence)
        {
            var firewall = FirewallEvidence.Read(evidence);
            foreach (var error in Problems(evidence, firewall))
            {
                yield return error;
            }

            foreach (var rule in firewall.Rules().Where(filter.Keeps))
            {
                yield return rule;
            }
        }

        /// <summary>The verdict on a new connection described by <paramref name="packet"/>.</summary>
        public static IEnumerable<object> ReadVerdict(ServerEvidence evidence, PacketQuery packet)
        {
            var firewall = FirewallEvidence.Read(evidence);
            foreach (var error in Problems(evidence, firewall))
            {
                yield return error;
            }

            yield return Verdict(evidence, firewall, packet);
        }

        /// <summary>The verdict on <paramref name="packet"/> from rules already read: Test-FirewallAccess's answer, and the one a ban's enforcement is checked by.</summary>
        internal static FirewallVerdict Verdict(ServerEvidence evidence, FirewallEvidence firewall, PacketQuery packet)
        {
            var verdict = FirewallAccess.Decide(evidence.ComputerName, packet, firewall.Walkers());
            var missing = verdict.Verdict == FirewallDecision.Accept ? Missing(evidence, firewall) : null;

            // Rules that were not read may drop what the others accept; with none read, nothing is known.
            return missing == null ? verdict : verdict.Unknown(missing);
        }

        /// <summary>Only the decision <see cref="Verdict"/> would give on <paramref name="packet"/>.</summary>
        internal static FirewallDecision Decision(ServerEvidence evidence, FirewallEvidence firewall, PacketQuery packet)
        {
            var decision = FirewallAccess.DecisionOf(packet, firewall.Walkers());
            return decision == FirewallDecision.Accept && Missing(evidence, firewall) != null ? FirewallDecision.Unknown : decision;
        }

        // Why the rules that were read may not be all there are; null when they are.
        private static string? Missing(ServerEvidence evidence, FirewallEvidence firewall)
        {
            if (!firewall.Collected)
            {
                return $"{evidence.Bundle.Source} holds no firewall rules: the collector that wrote it did not read them.";
            }

            if (firewall.Unreadable.Count > 0)
            {
                return "Some rules could not be read: " + string.Join("; ", firewall.Unreadable);
            }

            if (firewall.RulesRead)
            {
                return null;
            }

            return firewall.Denied.Count > 0
                ? $"Reading the rules ({string.Join(", ", firewall.Denied)}) needs root, and the collector on {evidence.ComputerName} ran without it."
                : $"No rules could be read on {evidence.ComputerName}: neither iptables-save nor nft answered (not installed?).";
        }

        internal static IEnumerable<TriageError> Problems(ServerEvidence evidence, FirewallEvidence firewall)
        {
            if (!firewall.Collected)
            {
                yield return EvidenceErrors.SectionMissing(evidence, "firewall rules", FirewallSections.Names.IptablesSave);
                yield break;
            }

            if (firewall.Denied.Count > 0 && !evidence.Facts.IsRoot)
            {
                yield return EvidenceErrors.NeedsRoot(evidence, "Reading the firewall rules (" + string.Join(", ", firewall.Denied) + ")");
            }

            foreach (var problem in firewall.Unreadable)
            {
                yield return new TriageError(
                    "FirewallEvidenceUnreadable",
                    new EvidenceFormatException($"The firewall rules of {evidence.ComputerName} could not be read from {problem}"),
                    TriageErrorCategory.InvalidData,
                    evidence.ComputerName,
                    "Collect the evidence again; if it persists, run the command on the server and check its output.");
            }
        }
    }
}
