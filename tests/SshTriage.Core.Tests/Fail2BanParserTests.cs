using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using SshTriage.Evidence;
using SshTriage.Fail2Ban;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>Fail2Ban's answers and the firewall state behind its bans, as captured from Fail2Ban 1.0.2 in the lab.</summary>
    public class Fail2BanParserTests
    {
        private static string F(string name) => Fixture.Load("fail2ban/" + name).Output;

        /// <summary>The collector's fail2ban section, framed as its walk prints it, from captured answers.</summary>
        private static string Walk(string status, params (string Jail, (string Query, string Fixture)[] Answers)[] jails)
        {
            var text = new StringBuilder($"@@sst query status\n{F(status)}@@sst exit 0\n");
            foreach (var (jail, answers) in jails)
            {
                text.Append(CultureInfo.InvariantCulture, $"@@sst jail {jail}\n");
                foreach (var (query, fixture) in answers)
                {
                    var captured = Fixture.Load("fail2ban/" + fixture);
                    text.Append(CultureInfo.InvariantCulture, $"@@sst query {query}\n{captured.Output}");
                    if (!captured.Output.EndsWith("\n", StringComparison.Ordinal))
                    {
                        text.Append('\n');
                    }

                    text.Append(CultureInfo.InvariantCulture, $"@@sst exit {captured.ExitCode}\n");
                }
            }

            return text.ToString();
        }

        private static readonly (string, string)[] SshdThree =
        {
            ("status sshd", "iptables-status-sshd-three.txt"),
            ("get sshd banip --with-time", "iptables-banip-with-time-three.txt"),
            ("get sshd ignoreip", "iptables-ignoreip-runtime.txt"),
            ("get sshd actions", "iptables-actions.txt"),
            ("get sshd bantime", "iptables-bantime.txt"),
            ("get sshd findtime", "iptables-findtime.txt"),
            ("get sshd maxretry", "iptables-maxretry.txt"),
            ("get sshd logpath", "iptables-logpath.txt"),
            ("get sshd journalmatch", "iptables-journalmatch-none.txt"),
            ("get sshd action iptables-multiport port", "iptables-action-port.txt"),
        };

        [Fact]
        public void AJailIsReadFromItsAnswers()
        {
            var output = FramedOutput.Parse(Walk("iptables-status.txt", ("sshd", SshdThree)));
            var jail = JailParser.Parse("web01", "sshd", output.Jails.Single().Answers);

            Assert.Equal(new[] { "198.51.100.10", "203.0.113.99", "2001:db8:100::10" }, jail.BannedIp);
            Assert.Equal(3, jail.CurrentlyBanned);
            Assert.Equal("iptables-multiport", jail.BanAction);
            Assert.Equal("ssh", jail.Port);
            Assert.Equal(new[] { "203.0.113.77" }, jail.IgnoreIp);
            Assert.Equal(new[] { "/var/log/auth.log" }, jail.LogPath);
            Assert.Equal(TimeSpan.FromHours(1), jail.BanTime);
            Assert.Equal(3, jail.MaxRetry);
        }

        [Fact]
        public void BansCarryTheirTimesInBothFamilies()
        {
            var bans = JailParser.BansWithTime(F("iptables-banip-with-time-three.txt")).ToList();

            Assert.Equal(3, bans.Count);
            Assert.Equal(IPAddress.Parse("2001:db8:100::10"), bans[2].Address);
            Assert.Equal(TimeSpan.FromHours(1), bans[0].ExpiresAt - bans[0].BannedAt);
        }

        [Fact]
        public void AJournalJailShowsItsMatches()
        {
            var status = JailParser.ParseStatus(F("journal-status-sshd.txt"));
            Assert.Equal("_SYSTEMD_UNIT=sshd.service + _COMM=sshd", status["Journal matches"]);

            var output = FramedOutput.Parse(Walk("iptables-status.txt", ("sshd", new[] { ("status sshd", "journal-status-sshd.txt"), ("get sshd journalmatch", "journal-journalmatch.txt"), ("get sshd logpath", "journal-logpath.txt") })));
            Assert.Equal(new[] { "_SYSTEMD_UNIT=sshd.service + _COMM=sshd" }, JailParser.Parse("web01", "sshd", output.Jails.Single().Answers).LogPath);
        }

        [Fact]
        public void TwoJailsAreListed()
        {
            Assert.Equal(new[] { "recidive", "sshd" }, JailParser.JailNames(F("recidive-status.txt")));
        }

        [Theory]
        [InlineData("iptables-status-nonroot-stderr.txt", "RemoteAccessDenied", 2001)]
        [InlineData("iptables-status-server-down-stderr.txt", "Fail2BanNotRunning", 0)]
        public void WhyFail2BanCouldNotBeRead(string fixture, string errorId, int uid)
        {
            var section = $"@@sst query status\n{F(fixture)}@@sst exit 255\n";
            var evidence = SshdConfigParserTests.Evidence(("fail2ban", 0, section, string.Empty), uid);

            var error = Assert.IsType<SshTriage.Operations.TriageError>(new Fail2BanReader(null).ReadJails(evidence).Single());
            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void AServerWithoutFail2BanSaysSo()
        {
            var text = new System.Text.StringBuilder(BundleText.Header);
            BundleText.Section(text, "meta", 0, BundleText.RootMeta, string.Empty);
            BundleText.Missing(text, "fail2ban", "fail2ban-client");
            var evidence = BundleText.Evidence(text.Append(BundleText.Done).ToString());

            var error = Assert.IsType<SshTriage.Operations.TriageError>(new Fail2BanReader(null).ReadBans(evidence).Single());
            Assert.Equal("Fail2BanNotInstalled", error.ErrorId);
        }

        [Fact]
        public void AnUnknownJailNameIsAnErrorThatListsTheJails()
        {
            var evidence = SshdConfigParserTests.Evidence(("fail2ban", 0, Walk("iptables-status.txt", ("sshd", SshdThree)), string.Empty));
            var items = new Fail2BanReader(new[] { "nosuchjail", "s*" }).ReadJails(evidence).ToList();

            var error = Assert.IsType<SshTriage.Operations.TriageError>(items.First());
            Assert.Equal("Fail2BanJailNotFound", error.ErrorId);
            Assert.Contains("sshd", error.Exception.Message);
            Assert.IsType<Fail2BanJail>(items.Last());
        }

        [Fact]
        public void BansAreEnforcedByTheIptablesChainOfTheirFamily()
        {
            var firewall = $"@@sst query iptables-save\n{F("iptables-iptables-save-three.txt")}@@sst exit 0\n@@sst query ip6tables-save\n{F("iptables-ip6tables-save-three.txt")}@@sst exit 0\n";
            var evidence = SshdConfigParserTests.Evidence(
                ("fail2ban", 0, Walk("iptables-status.txt", ("sshd", SshdThree)), string.Empty),
                ("fw-iptables-save", 0, firewall, string.Empty));

            var bans = new Fail2BanReader(null).ReadBans(evidence).Cast<Fail2BanBan>().ToList();
            Assert.Equal(3, bans.Count);
            Assert.All(bans, b => Assert.Equal(BanEnforcement.Enforced, b.Enforcement));
            Assert.Equal("ip6tables chain f2b-sshd", bans.Single(b => b.IPAddress.Equals(IPAddress.Parse("2001:db8:100::10"))).EnforcedBy);
        }

        [Theory]
        [InlineData("f2b-gateway-banned-root.txt")]
        [InlineData("f2b-nftables-root.txt")]
        [InlineData("f2b-wrong-port-root.txt")]
        [InlineData("f2b-iptables-journal-root.txt")]
        public void EnforcementInABundleIsTheFirewallVerdictOnTheBannedAddress(string bundle)
        {
            var evidence = new Collection.ServerEvidence("web01", EvidenceBundle.Load(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", bundle)));
            var bans = new Fail2BanReader(null).ReadBans(evidence).Cast<Fail2BanBan>().ToList();
            Assert.NotEmpty(bans);

            foreach (var ban in bans)
            {
                // The lab's jails guard "ssh": the ban is checked on port 22.
                var verdict = SshTriage.Firewall.FirewallReader.ReadVerdict(evidence, new SshTriage.Firewall.PacketQuery(ban.IPAddress, 22, "tcp", null)).OfType<FirewallVerdict>().Single();
                Assert.True(
                    verdict.Verdict is FirewallDecision.Reject or FirewallDecision.Drop && ban.Enforcement == BanEnforcement.Enforced,
                    $"{bundle}: the ban of {ban.IPAddress} is {ban.Enforcement} by {ban.EnforcedBy}, the walk says {verdict.Verdict} ({string.Join(", ", verdict.Path)})");
            }
        }

        [Fact]
        public void ABanTheChainNoLongerHoldsIsNotEnforced()
        {
            var query = QueryOver(("fw-iptables-save", $"@@sst query iptables-save\n{F("not-enforced-iptables-save.txt")}@@sst exit 0\n"));
            Assert.Equal(BanEnforcement.NotEnforced, query.Check("sshd", "iptables-multiport", "ssh", IPAddress.Parse("198.51.100.10")).Enforcement);
        }

        [Fact]
        public void NftablesSetsOfBothFamilies()
        {
            var query = QueryOver(("fw-nft-json", F("nftables-nft-json-list-ruleset-v4v6.txt")));
            Assert.Equal((BanEnforcement.Enforced, "nft set addr-set-sshd"), query.Check("sshd", "nftables-multiport", "ssh", IPAddress.Parse("198.51.100.10")));
            Assert.Equal((BanEnforcement.Enforced, "nft set addr6-set-sshd"), query.Check("sshd", "nftables-multiport", "ssh", IPAddress.Parse("2001:db8:100::10")));
            Assert.Equal(BanEnforcement.NotEnforced, query.Check("sshd", "nftables-multiport", "ssh", IPAddress.Parse("203.0.113.5")).Enforcement);
        }

        [Fact]
        public void IpsetMembersReachedFromTheInputChain()
        {
            var query = QueryOver(
                ("fw-ipset", F("ipset-ipset-list.txt")),
                ("fw-iptables-save", $"@@sst query iptables-save\n{F("ipset-iptables-save.txt")}@@sst exit 0\n"));
            Assert.Equal((BanEnforcement.Enforced, "ipset f2b-sshd"), query.Check("sshd", "iptables-ipset-proto6", "ssh", IPAddress.Parse("198.51.100.10")));
        }

        [Fact]
        public void ASetThatHoldsTheAddressDoesNotBiteOnAnotherPort()
        {
            // The jail's rule matches port 22 only: a jail for port 2200 whose set holds the address is not enforced.
            var query = QueryOver(
                ("fw-ipset", F("ipset-ipset-list.txt")),
                ("fw-iptables-save", $"@@sst query iptables-save\n{F("ipset-iptables-save.txt")}@@sst exit 0\n"));
            Assert.Equal(BanEnforcement.NotEnforced, query.Check("sshd", "iptables-ipset-proto6", "2200", IPAddress.Parse("198.51.100.10")).Enforcement);
        }

        [Fact]
        public void AHeldAddressWithoutTheRulesThatUseItIsUnknown()
        {
            // The ipset holds the address, but no iptables or nft rules were read: whether anything matches the set is not known.
            var query = QueryOver(("fw-ipset", F("ipset-ipset-list.txt")));
            Assert.Equal((BanEnforcement.Unknown, "ipset f2b-sshd"), query.Check("sshd", "iptables-ipset-proto6", "ssh", IPAddress.Parse("198.51.100.10")));
        }

        [Fact]
        public void WithoutFirewallEvidenceEnforcementIsUnknown()
        {
            var query = QueryOver();
            Assert.Equal(BanEnforcement.Unknown, query.Check("sshd", "nftables-multiport", "ssh", IPAddress.Parse("198.51.100.10")).Enforcement);
            Assert.Equal(BanEnforcement.Unknown, query.Check("sshd", "sendmail-whois", "ssh", IPAddress.Parse("198.51.100.10")).Enforcement);
        }

        private static BanEnforcementQuery QueryOver(params (string Section, string Output)[] sections)
        {
            var all = new[] { ("fail2ban", 0, "@@sst query status\n@@sst exit 0\n", string.Empty) }
                .Concat(sections.Select(s => (s.Section, 0, s.Output, string.Empty))).ToArray();
            var evidence = SshdConfigParserTests.Evidence(all[0], all.Skip(1).ToArray());
            return new BanEnforcementQuery(evidence, SshTriage.Firewall.FirewallEvidence.Read(evidence));
        }
    }
}
