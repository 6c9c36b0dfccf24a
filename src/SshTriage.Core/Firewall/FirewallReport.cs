using System.Collections.Generic;
using System.Linq;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Server;

namespace SshTriage.Firewall
{
    /// <summary>Get-FirewallRule's reading of the evidence: every firewall's rules, typed, filtered.</summary>
    public sealed class FirewallReport
    {
        private readonly FirewallRuleFilter filter;

        /// <summary>Creates a report that keeps the rules <paramref name="filter"/> keeps.</summary>
        public FirewallReport(FirewallRuleFilter filter) => this.filter = filter;

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

            yield return FirewallAccess.Decide(evidence.ComputerName, packet, firewall.Walkers());
        }

        internal static IEnumerable<TriageError> Problems(ServerEvidence evidence, FirewallEvidence firewall)
        {
            if (firewall.Denied.Count > 0 && !evidence.Facts.IsRoot)
            {
                yield return EvidenceErrors.NeedsRoot(evidence, "Reading the firewall rules (" + string.Join(", ", firewall.Denied) + ")");
            }
        }
    }
}
