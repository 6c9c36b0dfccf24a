using System.Linq;
using System.Net;
using SshTriage.Firewall;
using SshTriage.Net;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>iptables-save -c dumps captured in the lab's firewall scenarios, parsed and walked for the lab's client.</summary>
    public class IptablesWalkerTests
    {
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");
        private static readonly IPAddress Client6 = IPAddress.Parse("2001:db8:100::10");
        private static readonly IPAddress Admin = IPAddress.Parse("203.0.113.5");

        private static IptablesRuleSet Load(string fixture, string family = "ipv4", FirewallBackend? backend = null) =>
            IptablesSaveParser.Parse("web01", Fixture.Load("iptables/" + fixture).Output, backend, family);

        private static BaseChainVerdict Walk(IptablesRuleSet set, IPAddress source, int port) =>
            new IptablesInputWalker(new[] { set }, _ => null).Walk(new PacketQuery(source, port, "tcp", null)).Single();

        [Fact]
        public void RulesAreTypedWithCountersCommentsAndTargets()
        {
            var rules = Load("fw-iptables-chains.txt").Rules().ToList();

            var reject = rules.Single(r => r.Chain == "INPUT" && r.Action == FirewallAction.Reject);
            Assert.Equal("198.51.100.0/24", reject.Source);
            Assert.Equal("22", reject.DestinationPort);
            Assert.Equal("icmp-port-unreachable", reject.RejectWith);
            Assert.Equal("sst: no ssh from the client net", reject.Comment);
            Assert.Equal(FirewallBackend.IptablesNft, reject.Backend);
            Assert.Equal(1, reject.Packets);
            Assert.Contains(rules, r => r.Action == FirewallAction.Goto && r.JumpTarget == "sst-mgmt");
            Assert.Contains(rules, r => r.Action == FirewallAction.Return && r.Chain == "sst-ssh-allow");
            Assert.Contains(rules, r => r.State == "RELATED,ESTABLISHED");
        }

        [Fact]
        public void TheClientIsRejectedAfterAReturnFromTheAllowList()
        {
            var verdict = Walk(Load("fw-iptables-chains.txt"), Client, 22);

            Assert.Equal(FirewallDecision.Reject, verdict.Decision);
            Assert.Equal("icmp-port-unreachable", verdict.RejectWith);
            Assert.Equal("sst: no ssh from the client net", verdict.Rule!.Comment);
            Assert.Equal(new[] { "filter/INPUT", "filter/sst-ssh-allow", "filter/INPUT" }, verdict.Path);
        }

        [Fact]
        public void TheAdminNetIsAcceptedInTheAllowList()
        {
            var verdict = Walk(Load("fw-iptables-chains.txt"), Admin, 22);

            Assert.Equal(FirewallDecision.Accept, verdict.Decision);
            Assert.Equal("sst: admin net", verdict.Rule!.Comment);
        }

        [Fact]
        public void AGotoDecidesInTheChainItGoesTo()
        {
            var verdict = Walk(Load("fw-iptables-chains.txt"), Client, 2222);

            Assert.Equal(FirewallDecision.Accept, verdict.Decision);
            Assert.Equal("sst-mgmt", verdict.Rule!.Chain);
        }

        [Fact]
        public void IPv6RulesAreWalkedForIPv6Sources()
        {
            var verdict = Walk(Load("fw-iptables-chains-v6.txt", "ipv6"), Client6, 22);

            Assert.Equal(FirewallDecision.Reject, verdict.Decision);
        }

        [Fact]
        public void APolicyDropDecidesWithoutARule()
        {
            var verdict = Walk(Load("fw-iptables-policy-drop.txt"), Client, 22);

            Assert.Equal(FirewallDecision.Drop, verdict.Decision);
            Assert.Null(verdict.Rule);
        }

        [Fact]
        public void TheLegacyBackendDropsWhatTheNftBackendAccepts()
        {
            var legacy = Load("fw-legacy-split-legacy.txt", backend: FirewallBackend.IptablesLegacy);
            var nft = Load("fw-legacy-split.txt");

            Assert.Equal(FirewallDecision.Drop, Walk(legacy, Client, 22).Decision);
            Assert.Equal(FirewallBackend.IptablesLegacy, Walk(legacy, Client, 22).Backend);
            Assert.Equal(FirewallDecision.Accept, Walk(nft, Client, 22).Decision);
        }

        [Fact]
        public void AMatchTheWalkerDoesNotKnowIsUnknownNamingTheRule()
        {
            var set = IptablesSaveParser.Parse("web01", "*filter\n:INPUT ACCEPT [0:0]\n[0:0] -A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 30 --hitcount 6 -j DROP\nCOMMIT\n", null, "ipv4");
            var verdict = Walk(set, Client, 22);

            Assert.Equal(FirewallDecision.Unknown, verdict.Decision);
            Assert.Contains("-m recent", verdict.Rule!.Text);
        }

        [Fact]
        public void IpsetMatchesAreResolvedWhenTheSetIsKnown()
        {
            var set = IptablesSaveParser.Parse("web01", "*filter\n:INPUT ACCEPT [0:0]\n[3:180] -A INPUT -p tcp -m multiport --dports 22 -m set --match-set f2b-sshd src -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n", null, "ipv4");
            var banned = new AddressSet();
            banned.Add("198.51.100.10");
            var walker = new IptablesInputWalker(new[] { set }, name => name == "f2b-sshd" ? banned : null);

            Assert.Equal(FirewallDecision.Reject, walker.Walk(new PacketQuery(Client, 22, "tcp", null)).Single().Decision);
            Assert.Equal(FirewallDecision.Accept, walker.Walk(new PacketQuery(Admin, 22, "tcp", null)).Single().Decision);
            Assert.Equal(FirewallDecision.Unknown, new IptablesInputWalker(new[] { set }, _ => null).Walk(new PacketQuery(Client, 22, "tcp", null)).Single().Decision);
        }
    }
}
