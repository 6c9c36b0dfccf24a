using System.Linq;
using SshTriage.Firewall;
using Xunit;

namespace SshTriage.Tests
{
    public class UfwStatusParserTests
    {
        private static string F(string name) => Fixture.Load("ufw/" + name).Output;

        [Fact]
        public void AllowRulesWithSourcesAndComments()
        {
            var rules = UfwStatusParser.Parse("web01", F("fw-ufw-allow-status-verbose.txt"));

            Assert.Equal(4, rules.Count);
            var client = rules.Single(r => r.Comment == "client-v4");
            Assert.Equal((FirewallAction.Accept, "22", "tcp", "198.51.100.10", "ipv4"), (client.Action, client.DestinationPort, client.Protocol, client.Source, client.Family));
            Assert.Equal("ipv6", rules.Single(r => r.Comment == "client-v6").Family);
            Assert.All(rules, r => Assert.Equal(FirewallBackend.Ufw, r.Backend));
            Assert.Null(rules.First(r => r.Comment == "management").Source);
        }

        [Fact]
        public void LimitRulesAndTheDefaultPolicy()
        {
            var output = F("fw-ufw-limit-status-verbose.txt");
            Assert.Contains(UfwStatusParser.Parse("web01", output), r => r.Action == FirewallAction.Limit && r.DestinationPort == "22");
            Assert.Equal("deny", UfwStatusParser.DefaultIncoming(output));
        }

        [Fact]
        public void AnInactiveUfwHasNoRules()
        {
            var output = F("inactive-status-verbose.txt");
            Assert.Empty(UfwStatusParser.Parse("web01", output));
            Assert.Null(UfwStatusParser.DefaultIncoming(output));
        }
    }
}
