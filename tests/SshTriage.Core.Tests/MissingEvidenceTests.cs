using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Fail2Ban;
using SshTriage.Firewall;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Evidence that does not say: a bundle of only its header and last line, firewall tools
    /// that are not installed or ran without root. Nothing read is no answer: every reader says
    /// what was missing, and no firewall verdict is Accept.
    /// </summary>
    public class MissingEvidenceTests
    {
        private static readonly PacketQuery Client = new PacketQuery(IPAddress.Parse("198.51.100.10"), 22, "tcp", null);

        private static ServerEvidence Evidence(string text) => BundleText.Evidence(text, "empty.txt");

        private static ServerEvidence Empty => Evidence(BundleText.Header + BundleText.Done);

        [Fact]
        public void EveryGetCmdletSaysWhatTheEmptyBundleLacks()
        {
            var readers = new (string What, System.Collections.Generic.IEnumerable<object> Output)[]
            {
                ("listeners", new ListenerReader(null).Read(Empty)),
                ("sshd config", new SshdConfigReader(null, null, null).Read(Empty)),
                ("sshd log", new SshLogReader(new SshLogFilter(null, null, null, null)).Read(Empty)),
                ("jails", new Fail2BanReader(null).ReadJails(Empty)),
                ("bans", new Fail2BanReader(null).ReadBans(Empty)),
                ("rules", new FirewallReader(new FirewallRuleFilter(null, null, null, null, null)).ReadRules(Empty)),
            };

            foreach (var (what, output) in readers)
            {
                var error = Assert.IsType<Operations.TriageError>(Assert.Single(output));
                Assert.True(error.ErrorId == "EvidenceSectionMissing", what + ": " + error.ErrorId);
                Assert.Contains("empty.txt holds no", error.Exception.Message);
            }
        }

        [Fact]
        public void NoFirewallEvidenceIsUnknownNotAccept()
        {
            var output = FirewallReader.ReadVerdict(Empty, Client).ToList();

            Assert.Equal("EvidenceSectionMissing", Assert.Single(output.OfType<Operations.TriageError>()).ErrorId);
            var verdict = Assert.Single(output.OfType<FirewallVerdict>());
            Assert.Equal(FirewallDecision.Unknown, verdict.Verdict);
            Assert.Null(verdict.ExpectedSymptom);
            Assert.Contains("holds no firewall rules", verdict.Reason);
        }

        [Fact]
        public void FirewallToolsThatAreNotInstalledLeaveTheVerdictUnknown()
        {
            var text = new System.Text.StringBuilder(BundleText.Header);
            BundleText.Section(text, FirewallSections.Names.IptablesSave, 0, string.Empty, string.Empty);
            BundleText.Missing(text, FirewallSections.Names.NftJson, "nft");
            var verdict = FirewallReader.ReadVerdict(Evidence(text.Append(BundleText.Done).ToString()), Client).OfType<FirewallVerdict>().Single();

            Assert.Equal(FirewallDecision.Unknown, verdict.Verdict);
            Assert.Contains("neither iptables-save nor nft answered", verdict.Reason);
        }

        [Fact]
        public void FirewallsReadWithoutRootAreUnknownWithTheAccessError()
        {
            var evidence = new ServerEvidence("sst-server", EvidenceBundle.Load(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "open-nonroot.txt")));
            var output = FirewallReader.ReadVerdict(evidence, Client).ToList();

            Assert.Equal("RemoteAccessDenied", Assert.Single(output.OfType<Operations.TriageError>()).ErrorId);
            var verdict = Assert.Single(output.OfType<FirewallVerdict>());
            Assert.Equal(FirewallDecision.Unknown, verdict.Verdict);
            Assert.Contains("needs root", verdict.Reason);
        }

        [Fact]
        public void RulesThatWereReadAndAcceptStillAccept()
        {
            var evidence = new ServerEvidence("sst-server", EvidenceBundle.Load(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "open-root.txt")));
            var verdict = FirewallReader.ReadVerdict(evidence, Client).OfType<FirewallVerdict>().Single();

            Assert.Equal(FirewallDecision.Accept, verdict.Verdict);
            Assert.Equal(SshPortStatus.Open, verdict.ExpectedSymptom);
            Assert.Null(verdict.Reason);
        }

        [Fact]
        public void FindSshRejectCauseOnAnEmptyBundleSaysSoAndClearsNoFirewall()
        {
            var output = new CauseReader(22, IPAddress.Parse("198.51.100.10"), null, null, includeCleared: true).Read(Empty).ToList();
            var causes = output.OfType<SshRejectCause>().ToList();

            Assert.Equal("EvidenceSectionMissing", Assert.Single(output.OfType<Operations.TriageError>()).ErrorId);
            Assert.DoesNotContain(causes, c => (c.Cause == RejectCause.FirewallDrop || c.Cause == RejectCause.FirewallReject) && c.Confidence == CauseConfidence.Cleared);
        }
    }
}
