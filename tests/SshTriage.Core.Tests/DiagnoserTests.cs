using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The diagnosis over whole collector outputs captured in the lab's scenarios.</summary>
    public class DiagnoserTests
    {
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");

        private static DiagnosisContext Context(string bundle, int port = 22, string? route = null, string? user = null)
        {
            var path = RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", bundle);
            return new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Load(path)), port, Client, user, null, route);
        }

        [Fact]
        public void TheBannedVpnGatewayIsFoundAndConfirmed()
        {
            var causes = Diagnoser.Diagnose(Context("f2b-gateway-banned-root.txt", route: "198.51.100.10 via 203.0.113.1 dev eth0 src 203.0.113.20 uid 0"));

            var first = causes.First();
            Assert.Equal(RejectCause.Fail2BanGatewayBanned, first.Cause);
            Assert.Equal(CauseConfidence.Confirmed, first.Confidence);
            Assert.Equal(IPAddress.Parse("203.0.113.1"), first.IPAddress);
            Assert.Equal("sshd", first.Jail);
            Assert.Equal(IPAddress.Parse("203.0.113.1"), first.VisibleAddress);
            Assert.Contains("-IPAddress 203.0.113.1 -Jail sshd -AddToIgnoreList", first.RemedyCommand);
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("203.0.113.1"));
        }

        [Fact]
        public void TheClientsOwnBanIsFound()
        {
            var first = Diagnoser.Diagnose(Context("f2b-nftables-root.txt")).First();

            Assert.Equal((RejectCause.Fail2BanBan, CauseConfidence.Confirmed, IPAddress.Parse("198.51.100.10")), (first.Cause, first.Confidence, first.IPAddress));
        }

        [Fact]
        public void AMovedPortIsNamed()
        {
            var first = Diagnoser.Diagnose(Context("moved-port-sudo.txt")).First();

            Assert.Equal(RejectCause.NotListeningOnPort, first.Cause);
            Assert.Contains("2200", first.Summary);
        }

        [Fact]
        public void AnInvalidConfigurationIsNamed()
        {
            Assert.Contains(Diagnoser.Diagnose(Context("invalid-config-root.txt")), c => c.Cause == RejectCause.SshdConfigInvalid && c.Confidence == CauseConfidence.Confirmed);
        }

        [Fact]
        public void AnInvalidConfigurationExplainsWhySshdIsNotRunning()
        {
            var causes = Diagnoser.Diagnose(Context("invalid-config-stopped-root.txt"));

            Assert.Equal(
                new[] { (RejectCause.SshdConfigInvalid, CauseConfidence.Confirmed, (RejectCause?)null), (RejectCause.SshdNotRunning, CauseConfidence.Confirmed, RejectCause.SshdConfigInvalid) },
                causes.Select(c => (c.Cause, c.Confidence, c.ExplainedBy)));
            Assert.Contains("Explained by SshdConfigInvalid", causes[1].Summary);
        }

        [Fact]
        public void AJailOnTheWrongPortPipesIntoUnblock()
        {
            var wrongPort = Diagnoser.Diagnose(Context("f2b-wrong-port-root.txt", port: 2200)).Single(c => c.Cause == RejectCause.Fail2BanWrongPort);

            Assert.Equal(("sshd", IPAddress.Parse("198.51.100.10")), (wrongPort.Jail, wrongPort.IPAddress));
            Assert.Contains("198.51.100.10 among them", wrongPort.Summary);
        }

        // Find-SshRejectCause | Unblock-Fail2BanIp binds Jail and IPAddress by name: every ban
        // cause of every captured bundle carries both, for every client address the bundles know.
        [Theory]
        [InlineData("198.51.100.10")]
        [InlineData("203.0.113.1")]
        [InlineData(null)]
        public void EveryBanCauseCarriesItsAddressAndJail(string? client)
        {
            foreach (var bundle in System.IO.Directory.GetFiles(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles"), "f2b-*.txt"))
            {
                var evidence = new ServerEvidence("web01", EvidenceBundle.Load(bundle));
                foreach (var port in new[] { 22, 2200 })
                {
                    var causes = Diagnoser.Diagnose(new DiagnosisContext(evidence, port, client == null ? null : IPAddress.Parse(client), null, null, null));
                    var bans = causes.Where(c => c.Cause.ToString().StartsWith("Fail2Ban", System.StringComparison.Ordinal)).ToList();
                    Assert.True(bans.Count > 0, $"{bundle} port {port}: no ban cause to check");
                    Assert.All(bans, c => Assert.True(c.Jail != null && c.IPAddress != null, $"{bundle} port {port}: {c.Cause} without Jail or IPAddress"));
                }
            }
        }

        // Offline, without the route back to the client: the seed's own bundle shows Fail2Ban
        // enforcing a ban of the gateway, and nothing says whose address that is.
        [Theory]
        [InlineData(null)]
        [InlineData("198.51.100.10")]
        public void OfflineTheBundleListsItsBansAndSaysTheAddressIsUnknown(string? client)
        {
            var evidence = new ServerEvidence("web01", EvidenceBundle.Load(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "f2b-gateway-banned-root.txt")));
            var causes = Diagnoser.Diagnose(new DiagnosisContext(evidence, 22, client == null ? null : IPAddress.Parse(client), null, null, null));

            var first = causes.First();
            Assert.Equal((RejectCause.Fail2BanBan, CauseConfidence.Possible, IPAddress.Parse("203.0.113.1"), "sshd"), (first.Cause, first.Confidence, first.IPAddress, first.Jail));
            Assert.Contains("is unknown", first.Summary);
            Assert.Contains("if the server sees the client as 203.0.113.1", first.Summary);
            Assert.DoesNotContain(causes, c => c.Cause == RejectCause.NoCauseFound);
        }

        [Fact]
        public void AMissingPrivilegeSeparationDirectoryIsNoTypo()
        {
            var first = Diagnoser.Diagnose(Context("privsep-missing-root.txt")).First();

            Assert.Equal((RejectCause.SshdConfigInvalid, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains("/run/sshd does not exist, not because of a line in sshd_config", first.Summary);
            Assert.Contains("RuntimeDirectory=sshd", first.Remedy);
            Assert.DoesNotContain("Fix the line", first.Remedy);
        }

        // Journal-only servers: sshd's lines come from journalctl (real journal files the lab's
        // systemd-journal-remote wrote; there is no auth.log), and decide as auth.log's do.
        [Fact]
        public void OnAJournalOnlyServerTheJournalsLinesDecide()
        {
            var refused = Diagnoser.Diagnose(Context("allowusers-journal-bob-root.txt", user: "bob")).First();
            Assert.Equal((RejectCause.UserNotAllowed, CauseConfidence.Confirmed), (refused.Cause, refused.Confidence));
            Assert.Contains(refused.Evidence, e => e.Command == "journal" && e.Excerpt.EndsWith("User bob from 198.51.100.10 not allowed because not listed in AllowUsers", System.StringComparison.Ordinal));

            var banned = Diagnoser.Diagnose(Context("f2b-iptables-journal-root.txt")).First();
            Assert.Equal((RejectCause.Fail2BanBan, CauseConfidence.Confirmed, IPAddress.Parse("198.51.100.10")), (banned.Cause, banned.Confidence, banned.IPAddress));
            Assert.Contains(banned.Evidence, e => e.Command == "journal" && e.Excerpt.Contains("sshd's newest line from 198.51.100.10"));
        }

        [Fact]
        public void AHealthyServerHasNoCause()
        {
            var causes = Diagnoser.Diagnose(Context("open-root.txt"));

            Assert.Equal(RejectCause.NoCauseFound, Assert.Single(causes).Cause);
        }
    }
}
