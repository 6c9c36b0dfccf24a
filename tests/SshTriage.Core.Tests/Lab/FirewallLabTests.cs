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

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Test-FirewallAccess's verdict against what really happens: for each rule set in the lab,
    /// the symptom the walk predicts for the client is the one Test-SshPort sees from the client.
    /// </summary>
    public class FirewallAccessLabTests
    {
        [LabTheory]
        [InlineData("open")]
        [InlineData("drop")]
        [InlineData("reject-tcp-reset")]
        [InlineData("reject-port-unreachable")]
        [InlineData("reject-admin-prohibited")]
        [InlineData("fw-iptables-chains")]
        [InlineData("fw-iptables-policy-drop")]
        [InlineData("fw-legacy-split")]
        [InlineData("fw-nft-sets")]
        [InlineData("fw-nft-counter")]
        [InlineData("fw-ufw-deny")]
        [InlineData("fw-ufw-allow")]
        [InlineData("fw-docker-style")]
        [InlineData("f2b-iptables")]
        [InlineData("f2b-nftables")]
        [InlineData("f2b-ipset")]
        public void ThePredictedSymptomIsWhatTheClientSees(string scenario)
        {
            using var lab = LabInstance.Up(scenario);
            var port = int.Parse(lab["PORT"]);
            var seen = LabProbe.From(lab, "client", port, 2, lab["SERVER_ADDR"], lab["SERVER_ADDR6"]);

            foreach (var (address, client) in new[] { (lab["SERVER_ADDR"], lab["CLIENT_ADDR"]), (lab["SERVER_ADDR6"], lab["CLIENT_ADDR6"]) })
            {
                var output = ServerLab.AsRoot(lab, "access", "--source", client, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var verdict = output.Objects.Single(o => o.Type == "SshTriage.FirewallVerdict").Object;
                var observed = seen.Single(r => r.RemoteAddress == address).Status.ToString();

                Assert.True(
                    observed == verdict.GetProperty("ExpectedSymptom").GetString(),
                    $"{scenario} from {client}: the client saw {observed}, the walk predicted {verdict}");
            }
        }
    }
}
