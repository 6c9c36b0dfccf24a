using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using SshTriage.Firewall;
using Xunit;

namespace SshTriage.Tests
{
    public class NftInputWalkerTests
    {
        private const string Accept = """{"accept": null}""";
        private const string Drop = """{"drop": null}""";
        private const string TcpDport = """{"payload": {"protocol": "tcp", "field": "dport"}}""";
        private const string IpSaddr = """{"payload": {"protocol": "ip", "field": "saddr"}}""";
        private const string IpDaddr = """{"payload": {"protocol": "ip", "field": "daddr"}}""";
        private const string Ip6Saddr = """{"payload": {"protocol": "ip6", "field": "saddr"}}""";
        private const string Iifname = """{"meta": {"key": "iifname"}}""";
        private const string Mark = """{"meta": {"key": "mark"}}""";
        private const string CtState = """{"ct": {"key": "state"}}""";

        private const string Client4 = "198.51.100.10";
        private const string Client6 = "2001:db8:100::10";

        [Theory]
        [InlineData(Client4)]
        [InlineData(Client6)]
        public void NftSetsClientIsRejectedAdminProhibitedInTheSecondBaseChain(string client)
        {
            var verdicts = Walk(Load("nft/fw-nft-sets-json.txt"), client, 22);

            // The early chain's accept ends only that chain: the late one still sees the packet.
            Assert.Equal(2, verdicts.Count);
            Assert.Equal((-10, FirewallDecision.Accept, "early", 3), (verdicts[0].Priority, verdicts[0].Decision, verdicts[0].Rule!.Chain, verdicts[0].Rule!.Index));
            Assert.Equal(new[] { "inet/sst_filter/early" }, verdicts[0].Path);

            var late = verdicts[1];
            Assert.Equal((10, FirewallDecision.Reject, "icmpx admin-prohibited"), (late.Priority, late.Decision, late.RejectWith));
            Assert.Equal(("ssh_reject", 1, FirewallBackend.Nftables), (late.Rule!.Chain, late.Rule.Index, late.Backend));
            Assert.Equal(new[] { "inet/sst_filter/late", "inet/sst_filter/ssh_guard", "inet/sst_filter/ssh_reject" }, late.Path);

            // The lab's client sees EHOSTUNREACH (IPv4) and EACCES (IPv6): both HostUnreachable.
            Assert.Equal(SshPortStatus.HostUnreachable, RejectSymptom.SymptomOf(late.RejectWith, client == Client6));
        }

        [Theory]
        [InlineData("203.0.113.7", "late", 3)]
        [InlineData("198.51.100.200", "late", 3)]
        [InlineData("2001:db8:203::7", "late", 4)]
        [InlineData("2001:db8:100::1abc", "late", 4)]
        public void AdminSourcesAreAcceptedOnPort22(string source, string chain, int index)
        {
            var late = Walk(Load("nft/fw-nft-sets-json.txt"), source, 22)[1];

            Assert.Equal((FirewallDecision.Accept, chain, index), (late.Decision, late.Rule!.Chain, late.Rule.Index));
        }

        [Theory]
        [InlineData(Client4)]
        [InlineData(Client6)]
        [InlineData("203.0.113.7")]
        public void ManagementPortIsAcceptedByBothBaseChains(string source)
        {
            var verdicts = Walk(Load("nft/fw-nft-sets-json.txt"), source, 2222);

            Assert.All(verdicts, v => Assert.Equal(FirewallDecision.Accept, v.Decision));
            Assert.Equal(("late", 2), (verdicts[1].Rule!.Chain, verdicts[1].Rule!.Index));
        }

        [Fact]
        public void TheEndOfAJumpedChainReturnsToTheCaller()
        {
            var ruleset = Load("nft/fw-nft-sets-json.txt");

            // Not in any blocked set: ssh_guard runs out, the late chain goes on past its anonymous-set drop to the policy.
            var policy = Walk(ruleset, "198.51.100.50", 22)[1];
            Assert.Equal(FirewallDecision.Accept, policy.Decision);
            Assert.Null(policy.Rule);
            Assert.Equal(new[] { "inet/sst_filter/late", "inet/sst_filter/ssh_guard" }, policy.Path);

            var range = Walk(ruleset, "198.51.100.45", 22)[1];
            Assert.Equal((FirewallDecision.Reject, "ssh_reject"), (range.Decision, range.Rule!.Chain));

            var prefix6 = Walk(ruleset, "2001:db8:100::50", 22)[1];
            Assert.Equal((FirewallDecision.Drop, "ssh_guard", 3), (prefix6.Decision, prefix6.Rule!.Chain, prefix6.Rule.Index));
        }

        [Fact]
        public void NftCounterClientIsDropped()
        {
            var ruleset = Load("nft/fw-nft-counter-after-json.txt");

            // The lab's client times out: a drop.
            var v4 = Assert.Single(Walk(ruleset, Client4, 22));
            Assert.Equal((FirewallDecision.Drop, 5, 0), (v4.Decision, v4.Rule!.Index, v4.Priority));
            Assert.Equal(6L, v4.Rule.Packets);
            var v6 = Assert.Single(Walk(ruleset, Client6, 22));
            Assert.Equal((FirewallDecision.Drop, 6), (v6.Decision, v6.Rule!.Index));

            var other = Assert.Single(Walk(ruleset, "203.0.113.9", 22));
            Assert.Equal(FirewallDecision.Accept, other.Decision);
            Assert.Null(other.Rule);
            Assert.Equal((FirewallDecision.Accept, 3), (Walk(ruleset, Client4, 2222)[0].Decision, Walk(ruleset, Client4, 2222)[0].Rule!.Index));
        }

        [Fact]
        public void Fail2BanBanIsRefused()
        {
            var both = Load("fail2ban/nftables-nft-json-list-ruleset-v4v6.txt");
            var v4 = Assert.Single(Walk(both, Client4, 22));
            Assert.Equal((FirewallDecision.Reject, "icmp port-unreachable", -1), (v4.Decision, v4.RejectWith, v4.Priority));
            Assert.Equal(SshPortStatus.Refused, RejectSymptom.SymptomOf(v4.RejectWith));
            var v6 = Assert.Single(Walk(both, Client6, 22));
            Assert.Equal((FirewallDecision.Reject, "icmpv6 port-unreachable", "fail2ban:sshd"), (v6.Decision, v6.RejectWith, v6.Rule!.Owner));

            // Without an IPv6 ban the IPv6 client gets the banner.
            var v4Only = Load("fail2ban/nftables-nft-json-list-ruleset.txt");
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(v4Only, Client6, 22)).Decision);
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(both, Client4, 2222)).Decision);
        }

        [Theory]
        [InlineData(Client4)]
        [InlineData(Client6)]
        public void FirewalldZoneRejectsTheClient(string client)
        {
            var ruleset = Load("nft/fw-firewalld-json.txt");

            var verdict = Assert.Single(Walk(ruleset, client, 22));
            Assert.Equal((FirewallDecision.Reject, "icmpx admin-prohibited", 10), (verdict.Decision, verdict.RejectWith, verdict.Priority));
            Assert.Equal(("filter_IN_public", "firewalld"), (verdict.Rule!.Chain, verdict.Rule.Owner));
            Assert.Contains("inet/firewalld/filter_IN_public_allow", verdict.Path);
            Assert.Equal(SshPortStatus.HostUnreachable, RejectSymptom.SymptomOf(verdict.RejectWith));

            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, client, 2222)).Decision);
        }

        [Fact]
        public void FirewalldRichRuleAcceptsItsSource()
        {
            var verdict = Assert.Single(Walk(Load("nft/fw-firewalld-json.txt"), "203.0.113.5", 22));

            Assert.Equal((FirewallDecision.Accept, "filter_IN_public_allow", 3), (verdict.Decision, verdict.Rule!.Chain, verdict.Rule.Index));
        }

        [Theory]
        [InlineData("nft/fw-iptables-chains-json.txt")]
        [InlineData("nft/fw-iptables-policy-drop-json.txt")]
        [InlineData("nft/fw-legacy-split-json.txt")]
        [InlineData("nft/fw-ufw-deny-json.txt")]
        [InlineData("nft/fw-ufw-limit-json.txt")]
        [InlineData("nft/fw-docker-style-json.txt")]
        public void TablesOfIptablesNftAreLeftToTheIptablesWalker(string fixture)
        {
            var ruleset = Load(fixture);

            Assert.Contains(ruleset.Chains, c => c.Hook == "input" && c.Type == "filter");
            Assert.Empty(Walk(ruleset, Client4, 22));
            Assert.Empty(Walk(ruleset, Client6, 22));
        }

        [Fact]
        public void AMatchThatDecidesButCannotBeEvaluatedIsUnknownNamingItsRule()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", Match(Mark, "1"), Drop), Rule("input", Match(TcpDport, "22"), Accept));

            var verdict = Assert.Single(Walk(ruleset, Client4, 22));
            Assert.Equal((FirewallDecision.Unknown, 1), (verdict.Decision, verdict.Rule!.Index));
            Assert.Equal("meta mark 1 drop", verdict.Rule.Text);
        }

        [Fact]
        public void AMatchWhoseOutcomeDoesNotMatterIsNotUnknown()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", Match(Mark, "1"), Accept), Rule("input", Match(TcpDport, "22"), Accept));

            var verdict = Assert.Single(Walk(ruleset, Client4, 22));
            Assert.Equal((FirewallDecision.Accept, 2), (verdict.Decision, verdict.Rule!.Index));

            // Destination addresses are unknown too; a drop on either branch makes it matter.
            var daddr = Build(BaseChain("input", 0), Rule("input", Match(IpDaddr, "\"203.0.113.200\""), Drop));
            Assert.Equal(FirewallDecision.Unknown, Assert.Single(Walk(daddr, Client4, 22)).Decision);
        }

        [Fact]
        public void InterfacesAreMatchedWhenKnownAndOnlyLoopbackIsRuledOutWhenNot()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", Match(Iifname, "\"lo\""), Drop), Rule("input", Match(Iifname, "\"eth*\""), Drop));

            Assert.Equal(FirewallDecision.Unknown, Assert.Single(Walk(ruleset, Client4, 22)).Decision);
            Assert.Equal(2, Assert.Single(Walk(ruleset, Client4, 22)).Rule!.Index);
            Assert.Equal((FirewallDecision.Drop, 2), Decided(Walk(ruleset, Client4, 22, "eth0")));
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, Client4, 22, "ens3")).Decision);
            Assert.Equal((FirewallDecision.Drop, 1), Decided(Walk(ruleset, Client4, 22, "lo")));

            var notLoopback = Build(BaseChain("input", 0, "accept"), Rule("input", Match(Iifname, "\"lo\"", "!="), Drop));
            Assert.Equal(FirewallDecision.Drop, Assert.Single(Walk(notLoopback, Client4, 22)).Decision);
        }

        [Fact]
        public void GotoDoesNotComeBackAndReturnDoes()
        {
            var ruleset = Build(
                BaseChain("input", 0, "drop"),
                Chain("a"),
                Chain("b"),
                Chain("c"),
                Rule("input", Match(TcpDport, "22"), """{"jump": {"target": "a"}}"""),
                Rule("input", Match(TcpDport, "22"), """{"jump": {"target": "c"}}"""),
                Rule("input", Match(TcpDport, "22"), """{"goto": {"target": "b"}}"""),
                Rule("input", Accept),
                Rule("a", """{"return": null}"""),
                Rule("a", Drop),
                Rule("b", Match(IpSaddr, "\"203.0.113.1\""), Accept));

            // a returns, c runs out (and returns too), b is entered by goto: its end is the end of the walk.
            var verdict = Assert.Single(Walk(ruleset, Client4, 22));
            Assert.Equal(FirewallDecision.Drop, verdict.Decision);
            Assert.Null(verdict.Rule);
            Assert.Equal(new[] { "inet/t/input", "inet/t/a", "inet/t/c", "inet/t/b" }, verdict.Path);

            Assert.Equal((FirewallDecision.Accept, 4), Decided(Walk(ruleset, Client4, 80)));
            Assert.Equal(("b", 1), (Walk(ruleset, "203.0.113.1", 22)[0].Rule!.Chain, Walk(ruleset, "203.0.113.1", 22)[0].Rule!.Index));
        }

        [Fact]
        public void AJumpToAChainThatIsNotThereIsUnknown()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", """{"jump": {"target": "missing"}}"""));

            Assert.Equal((FirewallDecision.Unknown, 1), Decided(Walk(ruleset, Client4, 22)));
        }

        [Fact]
        public void VerdictMapsDecideByKey()
        {
            var ruleset = Build(
                BaseChain("input", 0, "accept"),
                Chain("ssh"),
                Rule("input", """{"vmap": {"key": {"payload": {"protocol": "tcp", "field": "dport"}}, "data": {"set": [[22, {"jump": {"target": "ssh"}}], [{"range": [8000, 8999]}, {"drop": null}]]}}}"""),
                Rule("ssh", """{"vmap": {"key": {"payload": {"protocol": "ip", "field": "saddr"}}, "data": "@sources"}}"""),
                Set("sources", "ipv4_addr", """[[{"prefix": {"addr": "198.51.100.0", "len": 24}}, {"drop": null}], ["203.0.113.1", {"accept": null}]]""", map: "verdict"));

            Assert.Equal((FirewallDecision.Drop, 1), Decided(Walk(ruleset, Client4, 22)));
            Assert.Equal(("ssh", FirewallDecision.Accept), (Walk(ruleset, "203.0.113.1", 22)[0].Rule!.Chain, Walk(ruleset, "203.0.113.1", 22)[0].Decision));
            Assert.Equal((FirewallDecision.Drop, 1), Decided(Walk(ruleset, "203.0.113.2", 8080)));
            var policy = Assert.Single(Walk(ruleset, "203.0.113.2", 22));
            Assert.Equal((FirewallDecision.Accept, (FirewallRule?)null), (policy.Decision, policy.Rule));
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, Client4, 22, protocol: "udp")).Decision);
            Assert.Equal("sources", ruleset.Rules.Single(r => r.Chain == "ssh").Set);
        }

        [Fact]
        public void ConnectionStateIsNew()
        {
            var ruleset = Build(
                BaseChain("input", 0, "drop"),
                Rule("input", """{"vmap": {"key": {"ct": {"key": "state"}}, "data": {"set": [["established", {"accept": null}], ["invalid", {"drop": null}]]}}}"""),
                Rule("input", Match(CtState, """["established", "related"]""", "in"), Accept),
                Rule("input", Match(CtState, "\"invalid\"", "in"), Accept),
                Rule("input", Match(CtState, "\"new\"", "in"), Match(TcpDport, "22"), Accept),
                Rule("input", Match(CtState, """{"set": ["new", "untracked"]}"""), Match(TcpDport, "2222"), Accept));

            Assert.Equal((FirewallDecision.Accept, 4), Decided(Walk(ruleset, Client4, 22)));
            Assert.Equal((FirewallDecision.Accept, 5), Decided(Walk(ruleset, Client4, 2222)));
            Assert.Equal(FirewallDecision.Drop, Assert.Single(Walk(ruleset, Client4, 80)).Decision);
            Assert.Equal("new", ruleset.Rules[3].State);
        }

        [Fact]
        public void PortsMatchByRangeNegationAndComparison()
        {
            var ruleset = Build(
                BaseChain("input", 0),
                Rule("input", Match(TcpDport, """{"range": [1000, 2000]}"""), Drop),
                Rule("input", Match(TcpDport, "22", "!="), Match(TcpDport, "1024", "<"), Drop),
                Rule("input", Match(TcpDport, """{"set": [22, {"range": [2200, 2300]}]}"""), """{"reject": {"type": "tcp reset"}}"""));

            Assert.Equal((FirewallDecision.Drop, 1), Decided(Walk(ruleset, Client4, 1500)));
            Assert.Equal((FirewallDecision.Drop, 2), Decided(Walk(ruleset, Client4, 80)));
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, Client4, 8080)).Decision);
            var reset = Assert.Single(Walk(ruleset, Client4, 2222));
            Assert.Equal((FirewallDecision.Reject, "tcp reset"), (reset.Decision, reset.RejectWith));
            Assert.Equal(SshPortStatus.Refused, RejectSymptom.SymptomOf(reset.RejectWith));
            Assert.Equal("1000-2000", ruleset.Rules[0].DestinationPort);
            Assert.Equal("!22", ruleset.Rules[1].DestinationPort);
            Assert.Equal("22,2200-2300", ruleset.Rules[2].DestinationPort);
        }

        [Fact]
        public void ABareRejectAnswersPortUnreachableInTheTablesFamily()
        {
            var ip = Build(Table("ip"), BaseChain("input", 0, family: "ip"), RuleIn("ip", "t", "input", """{"reject": null}"""));
            var inet = Build(BaseChain("input", 0), Rule("input", """{"reject": null}"""));

            Assert.Equal("icmp port-unreachable", Assert.Single(Walk(ip, Client4, 22)).RejectWith);
            Assert.Equal("icmpx port-unreachable", Assert.Single(Walk(inet, Client6, 22)).RejectWith);
            Assert.Equal("ipv4", ip.Rules.Single().Family);
            Assert.Empty(Walk(ip, Client6, 22));
        }

        [Fact]
        public void ARejectTypeOfOneFamilyLeavesTheOtherAlone()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", """{"reject": {"type": "icmp", "expr": "host-prohibited"}}"""));

            Assert.Equal((FirewallDecision.Reject, "icmp host-prohibited"), (Walk(ruleset, Client4, 22)[0].Decision, Walk(ruleset, Client4, 22)[0].RejectWith));
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, Client6, 22)).Decision);
        }

        [Fact]
        public void BaseChainsRunInPriorityOrderAcrossTablesAndFamilies()
        {
            var ruleset = Build(
                Table("inet", "late"),
                BaseChain("in", 10, "drop", table: "late"),
                Table("ip", "early"),
                BaseChain("in", -5, family: "ip", table: "early"),
                Table("ip6", "six"),
                BaseChain("in", 0, family: "ip6", table: "six"),
                BaseChain("out", 0, table: "late", hook: "output"),
                BaseChain("pre", -300, table: "late", hook: "prerouting"));

            Assert.Equal(new[] { -5, 10 }, Walk(ruleset, Client4, 22).Select(v => v.Priority));
            Assert.Equal(new[] { 0, 10 }, Walk(ruleset, Client6, 22).Select(v => v.Priority));
            Assert.Equal(new[] { FirewallDecision.Accept, FirewallDecision.Drop }, Walk(ruleset, Client4, 22).Select(v => v.Decision));
            Assert.Equal(new[] { "ip/early/in" }, Walk(ruleset, "::ffff:198.51.100.10", 22)[0].Path);
        }

        [Fact]
        public void AnIptablesNftTableIsSkippedBesideANativeOne()
        {
            var ruleset = Build(
                Table("ip", "filter"),
                BaseChain("INPUT", 0, "drop", family: "ip", table: "filter"),
                RuleIn("ip", "filter", "INPUT", """{"xt": {"type": "match", "name": "conntrack"}}""", Accept),
                BaseChain("input", 5),
                Rule("input", Match(TcpDport, "22"), Drop));

            var verdict = Assert.Single(Walk(ruleset, Client4, 22));
            Assert.Equal((5, FirewallDecision.Drop), (verdict.Priority, verdict.Decision));
            Assert.Equal("iptables-nft", ruleset.Rules.First().Owner);
        }

        [Fact]
        public void CtStatusDnatHoldsOnlyWhereSomethingRewritesDestinations()
        {
            const string Dnat = """{"match": {"op": "in", "left": {"ct": {"key": "status"}}, "right": "dnat"}}""";
            var plain = Build(BaseChain("input", 0), Rule("input", Dnat, Accept), Rule("input", Drop));
            Assert.Equal((FirewallDecision.Drop, 2), Decided(Walk(plain, Client4, 22)));

            var nat = Build(
                BaseChain("input", 0),
                Rule("input", Dnat, Accept),
                Rule("input", Drop),
                BaseChain("pre", -100, table: "t", hook: "prerouting", type: "nat"),
                Rule("pre", Match(TcpDport, "2022"), """{"dnat": {"addr": "203.0.113.200", "port": 22}}"""));
            Assert.Equal((FirewallDecision.Unknown, 1), Decided(Walk(nat, Client4, 22)));
        }

        [Fact]
        public void TheFirstSegmentCarriesSynAlone()
        {
            const string Flags = """{"&": [{"payload": {"protocol": "tcp", "field": "flags"}}, ["fin", "syn", "rst", "ack"]]}""";
            var ruleset = Build(
                BaseChain("input", 0),
                Rule("input", Match(Flags, "\"syn\"", "!="), Drop),
                Rule("input", Match("""{"payload": {"protocol": "tcp", "field": "flags"}}""", "\"ack\"", "in"), Drop),
                Rule("input", Match(TcpDport, "22"), Accept));

            Assert.Equal((FirewallDecision.Accept, 3), Decided(Walk(ruleset, Client4, 22)));
            Assert.Equal(FirewallDecision.Accept, Assert.Single(Walk(ruleset, Client4, 53, protocol: "udp")).Decision);
        }

        [Fact]
        public void RateLimitsAreUnknownOnlyWhenTheyDecide()
        {
            const string Limit = """{"limit": {"rate": 3, "burst": 10, "per": "minute"}}""";
            const string Over = """{"limit": {"rate": 10, "per": "second", "inv": true}}""";
            var logging = Build(BaseChain("input", 0), Rule("input", Limit, """{"log": {"prefix": "[x] "}}"""), Rule("input", Drop));
            Assert.Equal((FirewallDecision.Drop, 2), Decided(Walk(logging, Client4, 22)));
            Assert.Equal(FirewallAction.Log, logging.Rules[0].Action);
            Assert.Equal("limit rate 3/minute burst 10 packets log prefix \"[x] \"", logging.Rules[0].Text);

            var limiting = Build(BaseChain("input", 0), Rule("input", Match(TcpDport, "22"), Over, Drop));
            Assert.Equal((FirewallDecision.Unknown, 1), Decided(Walk(limiting, Client4, 22)));
            Assert.Equal((FirewallDecision.Accept, (int?)null), (Walk(limiting, Client4, 80)[0].Decision, Walk(limiting, Client4, 80)[0].Rule?.Index));
        }

        [Fact]
        public void AStatementItDoesNotKnowIsUnknown()
        {
            var ruleset = Build(BaseChain("input", 0), Rule("input", Match(TcpDport, "22"), """{"queue": {"num": 1}}"""));

            Assert.Equal((FirewallDecision.Unknown, 1), Decided(Walk(ruleset, Client4, 22)));
            Assert.Equal(FirewallDecision.Accept, Walk(ruleset, Client4, 80)[0].Decision);
        }

        [Fact]
        public void AHundredThousandElementSetIsParsedAndMatchedByHashing()
        {
            // Documentation addresses only: element i lives in 2001:db8:<i >> 16>:<i & 0xffff>::/64.
            var elements = new StringBuilder();
            for (var i = 0; i < 100000; i++)
            {
                var net = $"2001:db8:{i >> 16:x}:{i & 0xffff:x}";
                elements.Append(i == 0 ? "" : ", ").Append(
                    (i % 4) switch
                    {
                        0 => $"\"{net}::1\"",
                        1 => $"{{\"prefix\": {{\"addr\": \"{net}::\", \"len\": 126}}}}",
                        2 => $"{{\"range\": [\"{net}::10\", \"{net}::20\"]}}",
                        _ => $"{{\"elem\": {{\"val\": \"{net}::1\", \"timeout\": 3600, \"expires\": 1200}}}}",
                    });
            }

            var ruleset = Build(
                Set("big", "ipv6_addr", "[" + elements + "]", flags: "[\"interval\", \"timeout\"]"),
                BaseChain("input", 0),
                Rule("input", Match(TcpDport, "22"), Match(Ip6Saddr, "\"@big\""), Drop));

            Assert.Equal(100000, ruleset.Sets.Single().Count);
            Assert.Equal((FirewallDecision.Drop, "big"), (Walk(ruleset, "2001:db8:1:8401::1", 22)[0].Decision, ruleset.Rules[0].Set));
            Assert.Equal(FirewallDecision.Drop, Walk(ruleset, "2001:db8:1:187::1", 22)[0].Decision);
            Assert.Equal(FirewallDecision.Drop, Walk(ruleset, "2001:db8:0:1::3", 22)[0].Decision);
            Assert.Equal(FirewallDecision.Drop, Walk(ruleset, "2001:db8:0:2::11", 22)[0].Decision);
            Assert.Equal(FirewallDecision.Accept, Walk(ruleset, "2001:db8:0:2::21", 22)[0].Decision);
            Assert.Equal(FirewallDecision.Accept, Walk(ruleset, "198.51.100.10", 22)[0].Decision);
        }

        private static NftRuleset Load(string fixture) => NftRulesetParser.ParseRuleset("web01", Fixture.Load(fixture).Output);

        private static List<BaseChainVerdict> Walk(NftRuleset ruleset, string source, int port, string? interfaceName = null, string protocol = "tcp") =>
            new NftInputWalker(ruleset).Walk(new PacketQuery(IPAddress.Parse(source), port, protocol, interfaceName)).ToList();

        private static (FirewallDecision, int) Decided(List<BaseChainVerdict> verdicts)
        {
            var verdict = Assert.Single(verdicts);
            return (verdict.Decision, verdict.Rule?.Index ?? 0);
        }

        // Table inet t is always there; other tables are declared by the test.
        private static NftRuleset Build(params string[] objects) =>
            NftRulesetParser.ParseRuleset("web01", "{\"nftables\": [" + string.Join(", ", new[] { Table("inet") }.Concat(objects)) + "]}");

        private static string Table(string family, string name = "t") => $$$"""{"table": {"family": "{{{family}}}", "name": "{{{name}}}", "handle": 1}}""";

        private static string BaseChain(string name, int priority, string policy = "accept", string family = "inet", string table = "t", string hook = "input", string type = "filter") =>
            $$$"""{"chain": {"family": "{{{family}}}", "table": "{{{table}}}", "name": "{{{name}}}", "handle": 1, "type": "{{{type}}}", "hook": "{{{hook}}}", "prio": {{{priority}}}, "policy": "{{{policy}}}"}}""";

        private static string Chain(string name) => $$$"""{"chain": {"family": "inet", "table": "t", "name": "{{{name}}}", "handle": 2}}""";

        private static string Set(string name, string type, string elements, string flags = "[]", string? map = null) =>
            $$$"""{"{{{(map == null ? "set" : "map")}}}": {"family": "inet", "name": "{{{name}}}", "table": "t", "type": "{{{type}}}", {{{(map == null ? "" : $"\"map\": \"{map}\", ")}}}"handle": 3, "flags": {{{flags}}}, "elem": {{{elements}}}}}""";

        private static string Match(string left, string right, string op = "==") => $$$"""{"match": {"op": "{{{op}}}", "left": {{{left}}}, "right": {{{right}}}}}""";

        private static string Rule(string chain, params string[] statements) => RuleIn("inet", "t", chain, statements);

        private static string RuleIn(string family, string table, string chain, params string[] statements) =>
            $$$"""{"rule": {"family": "{{{family}}}", "table": "{{{table}}}", "chain": "{{{chain}}}", "handle": 9, "expr": [{{{string.Join(", ", statements)}}}]}}""";
    }

    public class NftRejectSymptomTests
    {
        [Theory]
        [InlineData(null, SshPortStatus.Refused)]
        [InlineData("", SshPortStatus.Refused)]
        [InlineData("tcp reset", SshPortStatus.Refused)]
        [InlineData("tcp-reset", SshPortStatus.Refused)]
        [InlineData("icmp port-unreachable", SshPortStatus.Refused)]
        [InlineData("icmpv6 port-unreachable", SshPortStatus.Refused)]
        [InlineData("icmpx port-unreachable", SshPortStatus.Refused)]
        [InlineData("icmp-port-unreachable", SshPortStatus.Refused)]
        [InlineData("icmp6-port-unreachable", SshPortStatus.Refused)]
        [InlineData("icmpx admin-prohibited", SshPortStatus.HostUnreachable)]
        [InlineData("reject with icmpx type admin-prohibited", SshPortStatus.HostUnreachable)]
        [InlineData("icmp-admin-prohibited", SshPortStatus.HostUnreachable)]
        [InlineData("icmp-host-prohibited", SshPortStatus.HostUnreachable)]
        [InlineData("icmp-host-unreachable", SshPortStatus.HostUnreachable)]
        [InlineData("icmp6-adm-prohibited", SshPortStatus.HostUnreachable)]
        [InlineData("icmp6-no-route", SshPortStatus.HostUnreachable)]
        [InlineData("icmp6-addr-unreachable", SshPortStatus.HostUnreachable)]
        [InlineData("icmpv6 addr-unreachable", SshPortStatus.HostUnreachable)]
        [InlineData("icmpv6 policy-fail", SshPortStatus.HostUnreachable)]
        [InlineData("icmp-net-unreachable", SshPortStatus.NetworkUnreachable)]
        [InlineData("icmp-net-prohibited", SshPortStatus.NetworkUnreachable)]
        [InlineData("icmp net-unreachable", SshPortStatus.NetworkUnreachable)]
        [InlineData("ICMP-HOST-PROHIBITED", SshPortStatus.HostUnreachable)]
        public void RejectTypesMapToWhatTheClientSees(string? rejectWith, SshPortStatus expected)
        {
            Assert.Equal(expected, RejectSymptom.SymptomOf(rejectWith));
        }

        [Fact]
        public void IcmpxNoRouteDependsOnTheFamily()
        {
            // The kernel sends ICMP net-unreachable to IPv4 and ICMPv6 no-route to IPv6.
            Assert.Equal(SshPortStatus.NetworkUnreachable, RejectSymptom.SymptomOf("icmpx no-route", ipv6: false));
            Assert.Equal(SshPortStatus.HostUnreachable, RejectSymptom.SymptomOf("icmpx no-route", ipv6: true));
            Assert.Equal(SshPortStatus.HostUnreachable, RejectSymptom.SymptomOf("icmpx no-route"));
            Assert.Equal(SshPortStatus.HostUnreachable, RejectSymptom.SymptomOf("icmpv6 no-route", ipv6: false));
        }
    }
}
