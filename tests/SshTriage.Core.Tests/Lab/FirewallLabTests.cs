using System;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>Get-FirewallRule's Core against real iptables (both backends) and ufw in the lab.</summary>
    public class FirewallLabTests
    {
        private const string Rule = "SshTriage.FirewallRule";

        [LabFact]
        public void TheRejectRuleForTheClientIsListedWithItsCounter()
        {
            using var lab = LabInstance.Up("fw-iptables-chains");
            LabProbe.From(lab, "client", int.Parse(lab["PORT"]), 2, lab["SERVER_ADDR"]);
            var rules = ServerLab.AsRoot(lab, "rules", "--port", "22", "--source", lab["CLIENT_ADDR"]).Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            var reject = rules.Single(r => r.GetProperty("Action").GetString() == "Reject" && r.GetProperty("Family").GetString() == "ipv4");
            Assert.Equal("IptablesNft", reject.GetProperty("Backend").GetString());
            Assert.True(reject.GetProperty("Packets").GetInt64() >= 1);
            Assert.DoesNotContain(rules, r => r.GetProperty("Source").GetString() == "203.0.113.0/24");
        }

        [LabFact]
        public void TheLegacyBackendsRulesAreListedToo()
        {
            using var lab = LabInstance.Up("fw-legacy-split");
            var rules = ServerLab.AsRoot(lab, "rules", "--port", "22").Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "IptablesLegacy" && r.GetProperty("Action").GetString() == "Drop");
            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "IptablesNft");
        }

        [LabFact]
        public void UfwRulesAreListedInUfwsWords()
        {
            using var lab = LabInstance.Up("fw-ufw-limit");
            var rules = ServerLab.AsRoot(lab, "rules", "--port", "22").Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "Ufw" && r.GetProperty("Action").GetString() == "Limit");
            Assert.Contains(rules, r => r.GetProperty("Owner").GetString() == "ufw" && r.GetProperty("Backend").GetString() == "IptablesNft");
        }
    }
}
