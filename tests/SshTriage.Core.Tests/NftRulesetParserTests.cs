using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SshTriage.Evidence;
using SshTriage.Firewall;
using SshTriage.Json;
using Xunit;

namespace SshTriage.Tests
{
    public class NftRulesetParserTests
    {
        private static NftRuleset Load(string fixture) => NftRulesetParser.ParseRuleset("web01", Fixture.Load(fixture).Output);

        private static FirewallRule Rule(NftRuleset ruleset, string chain, int index) => ruleset.Rules.Single(r => r.Chain == chain && r.Index == index);

        [Fact]
        public void ReadsTablesChainsAndPriorities()
        {
            var ruleset = Load("nft/fw-nft-sets-json.txt");

            Assert.Equal("1.0.6", ruleset.Version);
            var table = Assert.Single(ruleset.Tables);
            Assert.Equal(("inet", "sst_filter", false), (table.Family, table.Name, table.ManagedByIptablesNft));

            var early = ruleset.FindChain("inet", "sst_filter", "early")!;
            Assert.Equal(("filter", "input", -10, "accept", true), (early.Type, early.Hook, early.Priority, early.Policy, early.IsBaseChain));
            Assert.Equal(10, ruleset.FindChain("inet", "sst_filter", "late")!.Priority);
            var guard = ruleset.FindChain("inet", "sst_filter", "ssh_guard")!;
            Assert.False(guard.IsBaseChain);
            Assert.Null(guard.Priority);
            Assert.Equal(new[] { 1, 2, 3 }, guard.Rules.Select(r => r.Index));
            Assert.Equal(13, ruleset.Rules.Count);
        }

        [Fact]
        public void NamedSetsHoldPrefixesRangesAndAddresses()
        {
            var ruleset = Load("nft/fw-nft-sets-json.txt");

            var blocked = ruleset.FindSet("inet", "sst_filter", "blocked_v4")!;
            Assert.Equal(("ipv4_addr", 3, "sst: the client's /28 and a range"), (blocked.Type, blocked.Count, blocked.Comment));
            Assert.Equal(new[] { "interval" }, blocked.Flags);
            Assert.True(blocked.Addresses!.Contains(IPAddress.Parse("198.51.100.10")));
            Assert.True(blocked.Addresses.Contains(IPAddress.Parse("198.51.100.45")));
            Assert.True(blocked.Addresses.Contains(IPAddress.Parse("198.51.100.77")));
            Assert.False(blocked.Addresses.Contains(IPAddress.Parse("198.51.100.50")));

            var admin6 = ruleset.FindSet("inet", "sst_filter", "admin_v6")!;
            Assert.True(admin6.Addresses!.Contains(IPAddress.Parse("2001:db8:100::1abc")));
            Assert.True(admin6.Addresses.Contains(IPAddress.Parse("2001:db8:203::5")));
            Assert.False(admin6.Addresses.Contains(IPAddress.Parse("2001:db8:100::10")));
            Assert.True(ruleset.FindSet("inet", "sst_filter", "blocked_v6")!.Addresses!.Contains(IPAddress.Parse("2001:db8:100::10")));
            Assert.Null(ruleset.FindSet("inet", "sst_filter", "admin_v6")!.MapType);
        }

        [Fact]
        public void RulesAreTyped()
        {
            var ruleset = Load("nft/fw-nft-sets-json.txt");
            Assert.All(ruleset.Rules, r => Assert.Equal(("web01", FirewallBackend.Nftables, "inet", "sst_filter"), (r.ComputerName, r.Backend, r.Family, r.Table)));

            var established = Rule(ruleset, "early", 1);
            Assert.Equal((FirewallAction.Accept, "established,related"), (established.Action, established.State));
            Assert.Equal("lo", Rule(ruleset, "early", 2).InInterface);

            var ports = Rule(ruleset, "early", 3);
            Assert.Equal((FirewallAction.Accept, "tcp", "22,2222", "sst: ends this base chain only"), (ports.Action, ports.Protocol, ports.DestinationPort, ports.Comment));

            var admin = Rule(ruleset, "late", 3);
            Assert.Equal(("@admin_v4", "admin_v4"), (admin.Source, admin.Set));

            var jump = Rule(ruleset, "late", 5);
            Assert.Equal((FirewallAction.Jump, "ssh_guard", "22"), (jump.Action, jump.JumpTarget, jump.DestinationPort));

            var anonymous = Rule(ruleset, "late", 6);
            Assert.Equal((FirewallAction.Drop, "198.51.100.200,198.51.100.201"), (anonymous.Action, anonymous.Source));

            var goTo = Rule(ruleset, "ssh_guard", 1);
            Assert.Equal((FirewallAction.Goto, "ssh_reject", "blocked_v4"), (goTo.Action, goTo.JumpTarget, goTo.Set));

            var counted = Rule(ruleset, "ssh_guard", 3);
            Assert.Equal(("2001:db8:100::/64", 0L, 0L), (counted.Source, counted.Packets, counted.Bytes));

            var reject = Rule(ruleset, "ssh_reject", 1);
            Assert.Equal((FirewallAction.Reject, "icmpx admin-prohibited", 2L, 140L), (reject.Action, reject.RejectWith, reject.Packets, reject.Bytes));
            Assert.Null(reject.Owner);
        }

        [Theory]
        [InlineData("nft/fw-nft-sets-json.txt", "nft/fw-nft-sets.txt")]
        [InlineData("nft/fw-nft-counter-before-json.txt", "nft/fw-nft-counter-before.txt")]
        [InlineData("nft/fw-nft-counter-after-json.txt", "nft/fw-nft-counter-after.txt")]
        [InlineData("nft/fw-firewalld-json.txt", "nft/fw-firewalld.txt")]
        [InlineData("fail2ban/nftables-nft-json-list-ruleset-v4v6.txt", "fail2ban/nftables-nft-list-ruleset-v4v6.txt")]
        public void TextMatchesNftsOwnListing(string json, string text)
        {
            var expected = ChainLines(Fixture.Load(text).Output);
            var ruleset = Load(json);

            Assert.NotEmpty(expected);
            foreach (var chain in ruleset.Chains)
            {
                var lines = expected.TryGetValue((chain.Table, chain.Name), out var found) ? found : new List<string>();
                Assert.Equal(lines, chain.Rules.Select(r => Normalise(r.Text)));
            }
        }

        [Fact]
        public void NamedCounterMovedBetweenCaptures()
        {
            var before = Load("nft/fw-nft-counter-before-json.txt");
            var after = Load("nft/fw-nft-counter-after-json.txt");

            var counter = after.Counters.Single();
            Assert.Equal(("ssh_drops", 6L, 360L, "sst: IPv4 SYNs to 22 from the client net"), (counter.Name, counter.Packets, counter.Bytes, counter.Comment));
            Assert.Equal(0L, before.Counters.Single().Packets);

            // The lab made 3 probes with a 2 s timeout: 6 SYNs, all dropped by the rule counting into ssh_drops.
            var moved = after.Rules
                .Select(r => (Rule: r, Before: before.Rules.Single(b => b.Chain == r.Chain && b.Index == r.Index)))
                .Where(pair => pair.Rule.Action == FirewallAction.Drop && pair.Rule.Packets > pair.Before.Packets)
                .ToList();
            var drop = Assert.Single(moved);
            Assert.Equal((5, 6L, 360L), (drop.Rule.Index, drop.Rule.Packets - drop.Before.Packets, drop.Rule.Bytes - drop.Before.Bytes));
            Assert.Equal(("198.51.100.0/24", "22", "tcp"), (drop.Rule.Source, drop.Rule.DestinationPort, drop.Rule.Protocol));
            Assert.Equal("ip saddr 198.51.100.0/24 tcp dport 22 counter name \"ssh_drops\" drop", drop.Rule.Text);
        }

        [Fact]
        public void Fail2BanSetsAndRulesNameTheirJail()
        {
            var ruleset = Load("fail2ban/nftables-nft-json-list-ruleset-v4v6.txt");

            Assert.Equal(new[] { "fail2ban:sshd", "fail2ban:sshd" }, ruleset.Sets.Select(s => s.Owner));
            Assert.All(ruleset.Rules, r => Assert.Equal("fail2ban:sshd", r.Owner));
            var v4 = ruleset.Rules[0];
            Assert.Equal((FirewallAction.Reject, "icmp port-unreachable", "@addr-set-sshd", "22"), (v4.Action, v4.RejectWith, v4.Source, v4.DestinationPort));
            Assert.Equal("icmpv6 port-unreachable", ruleset.Rules[1].RejectWith);
            Assert.True(ruleset.FindSet("inet", "f2b-table", "addr-set-sshd")!.Addresses!.Contains(IPAddress.Parse("198.51.100.10")));
        }

        [Fact]
        public void TablesMadeByIptablesNftAreMarkedAndTheirRulesOwned()
        {
            var chains = Load("nft/fw-iptables-chains-json.txt");
            Assert.All(chains.Tables, t => Assert.True(t.ManagedByIptablesNft));
            Assert.All(chains.Rules, r => Assert.Equal("iptables-nft", r.Owner));
            Assert.Equal(new[] { "ipv4", "ipv6" }, chains.Rules.Select(r => r.Family).Distinct());

            // The REJECT target is opaque in JSON: a reject, but of an unknown kind.
            var input = chains.FindChain("ip", "filter", "INPUT")!.Rules;
            Assert.Equal((FirewallAction.Reject, (string?)null), (input[4].Action, input[4].RejectWith));
            Assert.Equal((FirewallAction.Goto, "sst-mgmt"), (input[2].Action, input[2].JumpTarget));
            Assert.Equal("iifname \"lo\" xt match comment counter packets 0 bytes 0 accept", input[0].Text);

            var ufw = Load("nft/fw-ufw-deny-json.txt");
            Assert.All(ufw.Rules.Where(r => r.Chain.StartsWith("ufw", StringComparison.Ordinal)), r => Assert.Equal("ufw", r.Owner));
            Assert.Equal("ufw", ufw.Rules.First(r => r.Chain == "INPUT").Owner);
            Assert.Contains(ufw.Rules, r => r.Action == FirewallAction.Log && r.Owner == "ufw");

            var docker = Load("nft/fw-docker-style-json.txt");
            Assert.All(docker.Rules.Where(r => r.Chain.StartsWith("DOCKER", StringComparison.Ordinal)), r => Assert.Equal("docker", r.Owner));
            Assert.Contains(docker.Rules, r => r.Chain == "FORWARD" && r.JumpTarget == "DOCKER-USER" && r.Owner == "docker");
            Assert.Contains(docker.Rules, r => r.Chain == "POSTROUTING" && r.Owner == "iptables-nft");
        }

        [Fact]
        public void FirewalldRulesAreOwnedByFirewalld()
        {
            var ruleset = Load("nft/fw-firewalld-json.txt");

            Assert.False(ruleset.Tables.Single().ManagedByIptablesNft);
            Assert.All(ruleset.Rules, r => Assert.Equal("firewalld", r.Owner));
            var richRule = ruleset.FindChain("inet", "firewalld", "filter_IN_public_allow")!.Rules[2];
            Assert.Equal(("203.0.113.0/24", "22", FirewallAction.Accept), (richRule.Source, richRule.DestinationPort, richRule.Action));
        }

        [Theory]
        [InlineData("nft/fw-docker-style-json.txt")]
        [InlineData("nft/fw-firewalld-json.txt")]
        [InlineData("nft/fw-iptables-chains-json.txt")]
        [InlineData("nft/fw-iptables-policy-drop-json.txt")]
        [InlineData("nft/fw-legacy-split-json.txt")]
        [InlineData("nft/fw-nft-counter-after-json.txt")]
        [InlineData("nft/fw-nft-sets-json.txt")]
        [InlineData("nft/fw-ufw-allow-json.txt")]
        [InlineData("nft/fw-ufw-deny-json.txt")]
        [InlineData("nft/fw-ufw-limit-json.txt")]
        public void EveryCapturedRuleBecomesOneRule(string fixture)
        {
            var output = Fixture.Load(fixture).Output;
            var ruleObjects = Regex.Matches(output, "\\{\\s*\"rule\"\\s*:").Count;
            var ruleset = NftRulesetParser.ParseRuleset("web01", output);

            Assert.Equal(ruleObjects, ruleset.Rules.Count);
            Assert.All(ruleset.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
            Assert.All(ruleset.Chains, c => Assert.Equal(Enumerable.Range(1, c.Rules.Count), c.Rules.Select(r => r.Index)));
            Assert.Equal(NftRulesetParser.Parse("web01", output).Select(r => r.Text), ruleset.Rules.Select(r => r.Text));

            // As the collector's bytes, read in place: the same rules and sets.
            var fromBytes = NftRulesetParser.ParseRuleset("web01", Encoding.UTF8.GetBytes(output));
            Assert.Equal(ruleset.Rules.Select(r => $"{r.Chain} {r.Index} {r.Action} {r.Text} {r.Comment} {r.Packets}"), fromBytes.Rules.Select(r => $"{r.Chain} {r.Index} {r.Action} {r.Text} {r.Comment} {r.Packets}"));
            Assert.Equal(ruleset.Sets.Select(t => $"{t.Name} {t.Count}"), fromBytes.Sets.Select(t => $"{t.Name} {t.Count}"));
        }

        [Fact]
        public void ARuleNamingASetOrCounterDeclaredLaterIsCompiledAgain()
        {
            const string Json = """
                {"nftables": [{"table": {"family": "inet", "name": "t"}},
                  {"chain": {"family": "inet", "table": "t", "name": "c"}},
                  {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@s"}}, {"counter": "n"}, {"drop": null}]}},
                  {"set": {"family": "inet", "table": "t", "name": "s", "type": "ipv4_addr", "elem": ["198.51.100.7"]}},
                  {"counter": {"family": "inet", "table": "t", "name": "n", "packets": 3, "bytes": 180}}]}
                """;
            var ruleset = NftRulesetParser.ParseRuleset("web01", Json);

            var rule = Assert.Single(ruleset.Rules);
            Assert.Equal((3L, 180L, "@s", 1), (rule.Packets, rule.Bytes, rule.Source, rule.Index));
            Assert.Same(rule, ruleset.Chains.Single().Rules.Single());
            Assert.Equal("ip saddr @s counter name \"n\" drop", rule.Text);
        }

        // nft lists a set's elements after its type, and they are indexed as they are read; a set
        // whose type comes after them is read whole, to the same set.
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void ASetReadsTheSameWhereverItsElementsAre(bool elementsLast)
        {
            const string Elements = "\"elem\": [\"198.51.100.7\", {\"prefix\": {\"addr\": \"203.0.113.0\", \"len\": 28}}, {\"range\": [\"198.51.100.20\", \"198.51.100.29\"]}]";
            const string MapElements = "\"elem\": [[\"198.51.100.7\", {\"drop\": null}], [\"198.51.100.8\", {\"accept\": null}]]";
            const string Set = "\"family\": \"inet\", \"table\": \"t\", \"name\": \"s\", \"type\": \"ipv4_addr\", \"flags\": [\"interval\"]";
            const string Map = "\"family\": \"inet\", \"table\": \"t\", \"name\": \"m\", \"type\": \"ipv4_addr\", \"map\": \"verdict\"";
            string Body(string members, string elements) => elementsLast ? members + ", " + elements : elements + ", " + members;
            var json = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"t\"}}, {\"set\": {" + Body(Set, Elements) + "}}, {\"map\": {" + Body(Map, MapElements) + "}}]}";

            var ruleset = NftRulesetParser.ParseRuleset("web01", json);

            var set = ruleset.FindSet("inet", "t", "s")!;
            Assert.Equal(("ipv4_addr", 3), (set.Type, set.Count));
            Assert.True(new[] { "198.51.100.7", "203.0.113.15", "198.51.100.25" }.All(a => set.Addresses!.Contains(IPAddress.Parse(a))));
            Assert.False(set.Addresses!.Contains(IPAddress.Parse("198.51.100.30")));
            var map = ruleset.FindSet("inet", "t", "m")!;
            Assert.Equal(("verdict", 2), (map.MapType, map.Count));
            Assert.True(map.Addresses!.Contains(IPAddress.Parse("198.51.100.8")));
        }

        [Fact]
        public void AnEmptyRulesetHasNothing()
        {
            var ruleset = NftRulesetParser.ParseRuleset("web01", "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}}]}");

            Assert.Empty(ruleset.Rules);
            Assert.Empty(ruleset.Tables);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"nftables\": {}}")]
        [InlineData("{\"nftables\": [{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"nowhere\", \"expr\": []}}]}")]
        [InlineData("{\"nftables\": [{\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"c\", \"hook\": \"input\", \"prio\": \"filter\"}}]}")]
        [InlineData("{\"nftables\": [{\"table\": {\"family\": \"inet\"}}]}")]
        [InlineData("{\"nftables\": [42]}")]
        public void OutputThatIsNotNftsIsRefused(string json)
        {
            Assert.Throws<EvidenceFormatException>(() => NftRulesetParser.Parse("web01", json));
        }

        [Fact]
        public void TruncatedOutputIsRefusedWithItsPosition()
        {
            var output = Fixture.Load("nft/fw-nft-sets-json.txt").Output;
            var cut = output.IndexOf("}, {", 1000, StringComparison.Ordinal) + 3;
            var error = Assert.Throws<JsonFormatException>(() => NftRulesetParser.Parse("web01", output.Substring(0, cut)));

            Assert.Equal(cut, error.Position);
            Assert.Contains("end of input", error.Message, StringComparison.Ordinal);
        }

        // "table inet t {" ... "chain c {" rule lines "}" from nft's text listing, counters blanked
        // (the text and JSON captures were taken moments apart) and double spaces folded.
        private static Dictionary<(string, string), List<string>> ChainLines(string listing)
        {
            var chains = new Dictionary<(string, string), List<string>>();
            string? table = null;
            List<string>? current = null;
            foreach (var raw in listing.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("table ", StringComparison.Ordinal))
                {
                    table = line.Split(' ')[2];
                }
                else if (line.StartsWith("chain ", StringComparison.Ordinal) && table != null)
                {
                    chains[(table, line.Split(' ')[1])] = current = new List<string>();
                }
                else if (line == "}")
                {
                    current = null;
                }
                else if (current != null && line.Length > 0 && !line.StartsWith("type ", StringComparison.Ordinal))
                {
                    current.Add(Normalise(line));
                }
            }

            return chains;
        }

        private static string Normalise(string text) =>
            Regex.Replace(Regex.Replace(text, "packets [0-9]+ bytes [0-9]+", "packets N bytes N"), " {2,}", " ").Trim();
    }

    public class JsonReaderTests
    {
        [Fact]
        public void ReadsEveryKindOfValue()
        {
            var value = JsonValue.Parse(" {\"a\": [1, -2.5e3, 0, true, false, null, \"x\"], \"b\": {\"c\": {}}, \"d\": [] } ");

            Assert.Equal(JsonKind.Object, value.Kind);
            var a = value["a"]!;
            Assert.Equal(7, a.Count);
            Assert.True(a[0].TryGetInt64(out var one) && one == 1);
            Assert.False(a[1].TryGetInt64(out _));
            Assert.True(a[1].TryGetDouble(out var d) && d == -2500.0);
            Assert.True(a[1].TryGetDecimal(out var m) && m == -2500m);
            Assert.Equal("-2.5e3", a[1].NumberText);
            Assert.Equal((true, false), (a[3].BooleanValue!.Value, a[4].BooleanValue!.Value));
            Assert.Equal(JsonKind.Null, a[5].Kind);
            Assert.Equal("x", a[6].StringValue);
            Assert.Equal(0, value["b"]!["c"]!.Count);
            Assert.Null(value["missing"]);
            Assert.Null(a["a"]);
            Assert.Equal("{\"a\":[1,-2.5e3,0,true,false,null,\"x\"],\"b\":{\"c\":{}},\"d\":[]}", value.ToString());
        }

        [Fact]
        public void NumbersKeepTheirText()
        {
            var value = JsonValue.Parse("[18446744073709551615, 0.1, 123456789012345678901234567890.5]");

            Assert.False(value[0].TryGetInt64(out _));
            Assert.Equal("18446744073709551615", value[0].NumberText);
            Assert.True(value[1].TryGetDecimal(out var tenth) && tenth == 0.1m);
            Assert.True(value[2].TryGetDouble(out var big) && big > 1e29);
        }

        [Fact]
        public void ReadsEveryEscape()
        {
            var value = JsonValue.Parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u20AC \\ud83d\\ude00 end\"");

            Assert.Equal("q\" b\\ s/ \b\f\n\r\t \u00e9 \u20ac \U0001F600 end", value.StringValue);
            Assert.Equal(value.StringValue, JsonValue.Parse(value.ToString()).StringValue);
            Assert.Equal("\"\\u0001\"", JsonValue.Parse("\"\\u0001\"").ToString());
        }

        [Fact]
        public void ReadsDeepNesting()
        {
            var json = new string('[', 200) + "\"deep\"" + new string(']', 200);
            var value = JsonValue.Parse(json);
            for (var i = 0; i < 200; i++)
            {
                value = value[0];
            }

            Assert.Equal("deep", value.StringValue);
            var tooDeep = new string('[', 300) + new string(']', 300);
            Assert.Contains("nested", Assert.Throws<JsonFormatException>(() => JsonValue.Parse(tooDeep)).Problem, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("", 0)]
        [InlineData("   ", 3)]
        [InlineData("{\"a\" 1}", 5)]
        [InlineData("{\"a\": 1,}", 8)]
        [InlineData("[1, 2", 5)]
        [InlineData("[1 2]", 3)]
        [InlineData("{'a': 1}", 1)]
        [InlineData("tru", 0)]
        [InlineData("nul", 0)]
        [InlineData("01", 1)]
        [InlineData("-", 1)]
        [InlineData("1.", 2)]
        [InlineData("1e", 2)]
        [InlineData("\"abc", 0)]
        [InlineData("\"a\\x\"", 2)]
        [InlineData("\"\\u12g4\"", 1)]
        [InlineData("\"\\ud83d\"", 7)]
        [InlineData("\"\\ude00\"", 1)]
        [InlineData("\"\\ud83d\\u0041\"", 7)]
        [InlineData("\"tab\there\"", 4)]
        [InlineData("{\"a\": 1, \"a\": 2}", 9)]
        [InlineData("[] []", 3)]
        [InlineData("NaN", 0)]
        public void MalformedInputSaysWhere(string json, int position)
        {
            var error = Assert.Throws<JsonFormatException>(() => JsonValue.Parse(json));

            Assert.Equal(position, error.Position);
            Assert.IsAssignableFrom<FormatException>(error);
            Assert.Contains("offset " + position.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void PositionsCountLinesAndColumns()
        {
            var error = Assert.Throws<JsonFormatException>(() => JsonValue.Parse("{\n  \"a\": 1,\n  \"b\": x\n}"));

            Assert.Equal((3, 8), (error.Line, error.Column));
        }

        [Fact]
        public void ReadsALargeGeneratedDocument()
        {
            const int Count = 200000;
            var builder = new StringBuilder("{\"items\": [");
            for (var i = 0; i < Count; i++)
            {
                builder.Append(i == 0 ? "" : ", ")
                    .Append("{\"id\": ").Append(i)
                    .Append(", \"name\": \"item\\t").Append(i)
                    .Append("\", \"tags\": [\"a\", \"b\"], \"ok\": ").Append(i % 2 == 0 ? "true" : "false")
                    .Append(", \"ratio\": ").Append((i / 4.0).ToString("R", CultureInfo.InvariantCulture)).Append('}');
            }

            builder.Append("], \"count\": ").Append(Count).Append('}');
            var value = JsonValue.Parse(builder.ToString());

            var items = value["items"]!;
            Assert.Equal(Count, items.Count);
            Assert.True(value["count"]!.TryGetInt64(out var count) && count == Count);
            var last = items[Count - 1];
            Assert.True(last["id"]!.TryGetInt64(out var id) && id == Count - 1);
            Assert.Equal("item\t" + (Count - 1), last["name"]!.StringValue);
            Assert.Equal(false, last["ok"]!.BooleanValue);
            Assert.Equal(2, items[12345]["tags"]!.Count);
        }

        [Fact]
        public void LargeObjectsAreLookedUpAndCheckedForDuplicates()
        {
            var members = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"\"k{i}\": {i}"));
            var value = JsonValue.Parse("{" + members + "}");

            Assert.True(value["k777"]!.TryGetInt64(out var n) && n == 777);
            Assert.Null(value["k1000"]);
            Assert.Throws<JsonFormatException>(() => JsonValue.Parse("{" + members + ", \"k500\": 0}"));
        }

        [Fact]
        public void StreamsTheItemsOfOneArrayMemberOfTheRoot()
        {
            var seen = new List<string>();

            Assert.True(JsonReader.ReadArrayItems("{\"meta\": {\"items\": [9]}, \"items\": [{\"n\": \"one\"}, {\"n\": \"two\"}]}", "items", v => seen.Add(v["n"]!.StringValue!)));
            Assert.Equal(new[] { "one", "two" }, seen);
            Assert.False(JsonReader.ReadArrayItems("[{\"items\": [1]}]", "items", _ => seen.Add("nested")));
            Assert.False(JsonReader.ReadArrayItems("{\"items\": 1}", "items", _ => seen.Add("scalar")));
            Assert.Equal(2, seen.Count);
            Assert.Throws<JsonFormatException>(() => JsonReader.ReadArrayItems("{\"items\": [1, 2,]}", "items", _ => { }));
            Assert.Throws<JsonFormatException>(() => JsonReader.ReadArrayItems("{\"items\": [], \"items\": []}", "items", _ => { }));
        }

        // The collector's bytes are read in place: every value, beyond ASCII and escaped ones
        // included, comes back as it does from the same text as a string.
        [Fact]
        public void Utf8BytesReadAsTheirText()
        {
            const string Json = "{\"items\": [{\"n\": \"Zürich \u2192 büro\"}, {\"n\": \"caf\\u00e9 \\\"grüß\\\" \\ud83d\\ude00 ü\"}, {\"n\": \"plain\"}], \"ü\": [1.5e3, -0, true, null]}";
            List<string> Read(Func<Action<JsonValue>, bool> reader)
            {
                var seen = new List<string>();
                Assert.True(reader(v => seen.Add(v["n"]!.StringValue!)));
                return seen;
            }

            var fromText = Read(item => JsonReader.ReadArrayItems(Json, "items", item, "none", (_, _) => null));
            var fromBytes = Read(item => JsonReader.ReadArrayItems(Encoding.UTF8.GetBytes(Json), "items", item, "none", (_, _) => null));

            Assert.Equal(new[] { "Zürich \u2192 büro", "café \"grüß\" \ud83d\ude00 ü", "plain" }, fromText);
            Assert.Equal(fromText, fromBytes);
        }

        [Fact]
        public void AnErrorInUtf8BytesSaysItsLineAndColumn()
        {
            var error = Assert.Throws<JsonFormatException>(() => JsonReader.ReadArrayItems(Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  \"b\": x\n}"), "a", _ => { }, "none", (_, _) => null));

            Assert.Equal(3, error.Line);
            Assert.Equal(8, error.Column);
        }

        [Fact]
        public void NullInputIsAnArgumentError()
        {
            Assert.Throws<ArgumentNullException>(() => JsonValue.Parse(null!));
        }

        [Fact]
        public void ACapturedNftDumpRoundTrips()
        {
            var output = Fixture.Load("nft/fw-firewalld-json.txt").Output;
            var value = JsonValue.Parse(output);

            Assert.Equal(value.ToString(), JsonValue.Parse(value.ToString()).ToString());
            Assert.True(value["nftables"]!.Count > 100);
            Assert.DoesNotContain("\n", value.ToString(), StringComparison.Ordinal);
        }
    }
}
