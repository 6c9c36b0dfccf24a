using System.Globalization;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>Get-FirewallRule's Core against real iptables (both backends), ufw and firewalld in the lab.</summary>
    public abstract class FirewallLabTests
    {
        /// <summary>Runs every test over <paramref name="transport"/> (see <see cref="LabTransport"/>).</summary>
        protected FirewallLabTests(string transport) => Transport = transport;

        /// <summary>OpenSsh or SshNet: the runner's --transport.</summary>
        protected string Transport { get; }

        private const string Rule = "SshTriage.FirewallRule";
        private const string Cause = "SshTriage.SshRejectCause";

        [LabFact]
        public void TheRejectRuleForTheClientIsListedWithItsCounter()
        {
            using var lab = LabInstance.Up("fw-iptables-chains");
            LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 2, lab["SERVER_ADDR"]);
            var rules = ServerLab.AsRoot(lab, Transport, "rules", "--port", "22", "--source", lab["CLIENT_ADDR"]).Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            var reject = rules.Single(r => r.GetProperty("Action").GetString() == "Reject" && r.GetProperty("Family").GetString() == "ipv4");
            Assert.Equal("IptablesNft", reject.GetProperty("Backend").GetString());
            Assert.True(reject.GetProperty("Packets").GetInt64() >= 1);
            Assert.DoesNotContain(rules, r => r.GetProperty("Source").GetString() == "203.0.113.0/24");
        }

        [LabFact]
        public void TheLegacyBackendsRulesAreListedToo()
        {
            using var lab = LabInstance.Up("fw-legacy-split");
            var rules = ServerLab.AsRoot(lab, Transport, "rules", "--port", "22").Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "IptablesLegacy" && r.GetProperty("Action").GetString() == "Drop");
            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "IptablesNft");
        }

        [LabFact]
        public void UfwRulesAreListedInUfwsWords()
        {
            using var lab = LabInstance.Up("fw-ufw-limit");
            var rules = ServerLab.AsRoot(lab, Transport, "rules", "--port", "22").Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();

            Assert.Contains(rules, r => r.GetProperty("Backend").GetString() == "Ufw" && r.GetProperty("Action").GetString() == "Limit");
            Assert.Contains(rules, r => r.GetProperty("Owner").GetString() == "ufw" && r.GetProperty("Backend").GetString() == "IptablesNft");
        }

        [LabFact]
        public void FirewalldsVerdictIsWhatTheClientSees()
        {
            using var lab = LabInstance.Up("fw-firewalld");
            FirewallAccessLabTests.AssertThePredictedSymptomIsSeen(lab, Transport);
        }

        [LabFact]
        public void FirewalldsZoneIsListedInFirewalldsWords()
        {
            using var lab = LabInstance.Up("fw-firewalld");
            var rules = ServerLab.AsRoot(lab, Transport, "rules").Objects.Where(o => o.Type == Rule).Select(o => o.Object).ToList();
            var zone = rules.Where(r => r.GetProperty("Backend").GetString() == "Firewalld").ToList();

            Assert.NotEmpty(zone);
            Assert.All(zone, r => Assert.Equal("zone " + lab["FIREWALLD_ZONE"], r.GetProperty("Chain").GetString()));
            Assert.All(zone, r => Assert.Equal("firewalld", r.GetProperty("Owner").GetString()));

            // Read from the running firewalld: http was added at runtime only, the permanent zone file lacks it.
            Assert.Contains(zone, r => r.GetProperty("Text").GetString() == "service http" && r.GetProperty("Action").GetString() == "Accept");
            Assert.DoesNotContain(zone, r => r.GetProperty("Text").GetString() == "service ssh");
            Assert.Contains(zone, r => r.GetProperty("DestinationPort").GetString() == lab["MGMT_PORT"] && r.GetProperty("Protocol").GetString() == "tcp" && r.GetProperty("Action").GetString() == "Accept");

            var rich = Assert.Single(zone, r => r.GetProperty("Source").GetString() == "203.0.113.0/24");
            Assert.Equal("ssh", rich.GetProperty("DestinationPort").GetString());
            Assert.Equal("Accept", rich.GetProperty("Action").GetString());
            Assert.StartsWith("rule family=", rich.GetProperty("Text").GetString());

            // What the zone does with everything else: its default target rejects.
            Assert.Contains(zone, r => r.GetProperty("Action").GetString() == "Reject" && r.GetProperty("RejectWith").GetString() == "icmpx admin-prohibited");
        }

        [LabFact]
        public void FirewalldsRejectIsTheCauseWithItsRule()
        {
            using var lab = LabInstance.Up("fw-firewalld");
            var causes = ServerLab.AsRoot(lab, Transport, "cause", "--client", lab["CLIENT_ADDR"], "--port", lab["PORT"]).Objects.Where(o => o.Type == Cause).Select(o => o.Object).ToList();
            var shown = string.Join(", ", causes.Select(c => c.GetProperty("Cause").GetString() + "/" + c.GetProperty("Confidence").GetString() + ": " + c.GetProperty("Summary").GetString()));

            var first = causes.First();
            Assert.True(first.GetProperty("Cause").GetString() == "FirewallReject", shown);
            Assert.Equal(lab["EXPECT_SYMPTOM"], first.GetProperty("Symptom").GetString());

            // The deciding rule is the one that ends firewalld's chain for the zone.
            Assert.Contains("firewalld/filter_IN_" + lab["FIREWALLD_ZONE"] + " rule", first.GetProperty("Summary").GetString());
            Assert.Contains(first.GetProperty("Evidence").EnumerateArray(), e => e.GetProperty("Excerpt").GetString() == "reject with icmpx admin-prohibited");
            Assert.Contains("(firewalld)", first.GetProperty("Remedy").GetString());
        }
    }
}

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Test-FirewallAccess's verdict against what really happens: for each rule set in the lab,
    /// the symptom the walk predicts for the client is the one Test-SshPort sees from the client.
    /// </summary>
    public abstract class FirewallAccessLabTests
    {
        /// <summary>Runs every test over <paramref name="transport"/> (see <see cref="LabTransport"/>).</summary>
        protected FirewallAccessLabTests(string transport) => Transport = transport;

        /// <summary>OpenSsh or SshNet: the runner's --transport.</summary>
        protected string Transport { get; }

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
            AssertThePredictedSymptomIsSeen(lab, Transport);
        }

        /// <summary>Probes the lab server from the client over IPv4 and IPv6 and checks each against the walk's verdict for the client.</summary>
        internal static void AssertThePredictedSymptomIsSeen(LabInstance lab, string transport)
        {
            var scenario = lab.Scenario;
            var port = int.Parse(lab["PORT"], CultureInfo.InvariantCulture);
            var seen = LabProbe.From(lab, "client", port, 2, lab["SERVER_ADDR"], lab["SERVER_ADDR6"]);

            foreach (var (address, client) in new[] { (lab["SERVER_ADDR"], lab["CLIENT_ADDR"]), (lab["SERVER_ADDR6"], lab["CLIENT_ADDR6"]) })
            {
                var output = ServerLab.AsRoot(lab, transport, "access", "--source", client, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var verdict = output.Objects.Single(o => o.Type == "SshTriage.FirewallVerdict").Object;
                var observed = seen.Single(r => r.RemoteAddress == address).Status.ToString();

                Assert.True(
                    observed == verdict.GetProperty("ExpectedSymptom").GetString(),
                    $"{scenario} from {client}: the client saw {observed}, the walk predicted {verdict}");
            }
        }
    }
}
