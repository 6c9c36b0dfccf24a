using System.Linq;
using SshTriage.Firewall;
using Xunit;

namespace SshTriage.Tests
{
    public class FirewalldZoneParserTests
    {
        [Fact]
        public void TheActiveZonesServicesPortsRichRulesAndTarget()
        {
            var rules = FirewalldZoneParser.Parse("web01", Fixture.Load("firewalld/fw-firewalld-list-all-zones.txt").Output);

            Assert.All(rules, r => Assert.Equal("public", r.Table));
            Assert.Contains(rules, r => r.Action == FirewallAction.Accept && r.DestinationPort == "2222" && r.Protocol == "tcp");
            Assert.Contains(rules, r => r.DestinationPort == "http");
            Assert.DoesNotContain(rules, r => r.DestinationPort == "ssh" && r.Source == null);

            var rich = rules.Single(r => r.Text.StartsWith("rule ", System.StringComparison.Ordinal));
            Assert.Equal(("203.0.113.0/24", "ssh", FirewallAction.Accept), (rich.Source, rich.DestinationPort, rich.Action));

            var target = rules.Last();
            Assert.Equal((FirewallAction.Reject, "icmpx admin-prohibited"), (target.Action, target.RejectWith));
            Assert.Equal("eth0", target.InInterface);
            Assert.All(rules, r => Assert.Equal(FirewallBackend.Firewalld, r.Backend));
        }

        [Fact]
        public void ZonesNotInUseAreLeftOut()
        {
            var rules = FirewalldZoneParser.Parse("web01", Fixture.Load("firewalld/fw-firewalld-list-all-zones.txt").Output);
            Assert.DoesNotContain(rules, r => r.Table == "home" || r.Table == "trusted");
        }
    }
}
