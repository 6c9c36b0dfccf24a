using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.TcpWrappers;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// hosts.allow and hosts.deny as the lab's sshd (linked with libwrap) reads them: the fixtures
    /// are the tcp-wrappers section captured by tests/lab/capture-tcp-wrappers-fixtures.sh.
    /// </summary>
    public class TcpWrappersTests
    {
        private static TcpWrappersEvidence Read(string fixture) => TcpWrappersEvidence.Parse(Fixture.Load("tcp-wrappers/" + fixture).Output);

        [Fact]
        public void TheSectionSaysWhichBinaryLinksLibwrapAndHoldsEachFilesRules()
        {
            var evidence = Read("rules.txt");

            Assert.True(evidence.LibwrapLinked);
            Assert.Equal("/usr/sbin/sshd", Assert.Single(evidence.Binaries).Binary);
            Assert.Equal(new[] { 2, 3, 5 }, evidence.Allow.Select(r => r.LineNumber));
            Assert.Equal(new[] { 1, 2, 4, 6 }, evidence.Deny.Select(r => r.LineNumber));
            Assert.Equal(new[] { "sshd", "in.telnetd" }, evidence.Deny[2].Daemons);
            Assert.Equal(new[] { "203.0.113.7", ".example.org" }, evidence.Deny[2].Clients);
            Assert.Equal(new[] { "DENY" }, evidence.Allow[2].Options);
        }

        [Theory]
        [InlineData("203.0.113.5", TcpWrappersDecision.Granted, "/etc/hosts.allow", 2)]
        [InlineData("198.51.100.200", TcpWrappersDecision.Granted, "/etc/hosts.allow", 3)]
        [InlineData("2001:db8:1::5", TcpWrappersDecision.Granted, "/etc/hosts.allow", 3)]
        [InlineData("198.51.100.77", TcpWrappersDecision.Denied, "/etc/hosts.allow", 5)]
        [InlineData("198.51.100.10", TcpWrappersDecision.Denied, "/etc/hosts.deny", 1)]
        [InlineData("::ffff:198.51.100.10", TcpWrappersDecision.Denied, "/etc/hosts.deny", 1)]
        [InlineData("203.0.113.66", TcpWrappersDecision.Undecided, "/etc/hosts.deny", 4)]
        [InlineData("2001:db8:2::5", TcpWrappersDecision.Undecided, "/etc/hosts.deny", 4)]
        public void EachAddressGetsTheAnswerOfTheFirstRuleThatMatches(string client, TcpWrappersDecision decision, string file, int line)
        {
            var verdict = Read("rules.txt").Decide(IPAddress.Parse(client));

            Assert.Equal(decision, verdict.Decision);
            Assert.Equal((file, line), (verdict.Rule!.File, verdict.Rule.LineNumber));
        }

        [Fact]
        public void EmptyFilesAdmitEveryone()
        {
            var verdict = Read("empty-files.txt").Decide(IPAddress.Parse("198.51.100.10"));

            Assert.Equal(TcpWrappersDecision.Granted, verdict.Decision);
            Assert.Null(verdict.Rule);
        }

        [Fact]
        public void AFileThatCouldNotBeReadDecidesNothing()
        {
            var verdict = Read("deny-unreadable.txt").Decide(IPAddress.Parse("198.51.100.10"));

            Assert.Equal(TcpWrappersDecision.Undecided, verdict.Decision);
            Assert.Contains("/etc/hosts.deny could not be read", verdict.Reason);
        }

        [Fact]
        public void WithoutLibwrapTheFilesDoNotApply()
        {
            var evidence = TcpWrappersEvidence.Parse("libwrap=no /usr/sbin/sshd\nfile=/etc/hosts.deny\n> sshd: ALL\n");

            var verdict = evidence.Decide(IPAddress.Parse("198.51.100.10"));

            Assert.Equal(TcpWrappersDecision.Granted, verdict.Decision);
            Assert.Contains("not linked with libwrap", verdict.Reason);
        }

        // A file line that looks like the section's own lines stays a rule line.
        [Fact]
        public void FileLinesCannotPassForTheSectionsOwnLines()
        {
            var evidence = TcpWrappersEvidence.Parse("libwrap=yes /usr/sbin/sshd\nfile=/etc/hosts.allow\n> libwrap=no /x\n> unreadable=/etc/hosts.deny\nfile=/etc/hosts.deny\n> sshd: ALL\n");

            Assert.True(evidence.LibwrapLinked);
            Assert.Empty(evidence.Unreadable);
            Assert.Equal(TcpWrappersDecision.Denied, evidence.Decide(IPAddress.Parse("198.51.100.10")).Decision);
        }

        [Theory]
        [InlineData("ALL EXCEPT 198.51.100.0/24 EXCEPT 198.51.100.10", TcpWrappersMatch.Yes)]
        [InlineData("ALL EXCEPT 198.51.100.0/24", TcpWrappersMatch.No)]
        [InlineData("198.51.100.0/255.255.255.0", TcpWrappersMatch.Yes)]
        [InlineData("198.51.100.0/255.0.255.0", TcpWrappersMatch.No)]
        [InlineData("198.51.100.1? 198.51.100.2*", TcpWrappersMatch.Yes)]
        [InlineData("198.51.10.", TcpWrappersMatch.No)]
        [InlineData("10", TcpWrappersMatch.Unknown)]
        [InlineData("client.example.org", TcpWrappersMatch.Unknown)]
        [InlineData("*.example.org", TcpWrappersMatch.Unknown)]
        [InlineData("alice@198.51.100.10 @admins /etc/ssh/clients", TcpWrappersMatch.Unknown)]
        [InlineData("[2001:db8::]/32 198.51.100.11", TcpWrappersMatch.No)]
        [InlineData("LOCAL KNOWN UNKNOWN PARANOID", TcpWrappersMatch.Unknown)]
        public void ClientPatternsMatchTheAddressOrSayTheyCannotTell(string list, TcpWrappersMatch expected)
        {
            var words = list.Split(' ');

            Assert.Equal(expected, HostsAccessPatterns.MatchClients(words, IPAddress.Parse("198.51.100.10")));
        }

        [Theory]
        [InlineData("rules.txt", "198.51.100.10", RejectCause.TcpWrappersDenied, CauseConfidence.Likely)]
        [InlineData("rules.txt", "203.0.113.66", RejectCause.TcpWrappersDenied, CauseConfidence.Possible)]
        [InlineData("deny-all.txt", "198.51.100.10", RejectCause.TcpWrappersDenied, CauseConfidence.Likely)]
        public void TheDiagnosisReadsTheFiles(string fixture, string client, RejectCause cause, CauseConfidence confidence)
        {
            var context = Context(fixture, client, string.Empty);

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((cause, confidence), (first.Cause, first.Confidence));
            Assert.Contains(first.Evidence, e => e.Command.StartsWith("tcp-wrappers: /etc/hosts.", System.StringComparison.Ordinal));
        }

        [Fact]
        public void FilesThatAdmitTheClientClearTheCause()
        {
            var context = Context("empty-files.txt", "198.51.100.10", string.Empty);

            var cleared = Diagnoser.Diagnose(context, includeCleared: true).Single(c => c.Cause == RejectCause.TcpWrappersDenied);

            Assert.Equal(CauseConfidence.Cleared, cleared.Confidence);
            Assert.Contains("no rule in /etc/hosts.allow or /etc/hosts.deny", cleared.Summary);
        }

        // libwrap reads the files at every connection: a refusal logged before a change is history.
        [Fact]
        public void AnOldRefusalUnderFilesThatAdmitTheClientIsOnlyPossible()
        {
            var context = Context("empty-files.txt", "198.51.100.10", "source=/var/log/auth.log\nNov 21 09:58:02 web01 sshd[812]: refused connect from 198.51.100.10 (198.51.100.10)\n");

            var cause = Diagnoser.Diagnose(context).Single(c => c.Cause == RejectCause.TcpWrappersDenied);

            Assert.Equal(CauseConfidence.Possible, cause.Confidence);
            Assert.Contains("the files admit it now", cause.Summary);
        }

        private static DiagnosisContext Context(string fixture, string client, string log)
        {
            var sections = new[] { ("meta", BundleText.RootMeta), (TcpWrappersSections.Name, Fixture.Load("tcp-wrappers/" + fixture).Output) }.ToList();
            if (log.Length > 0)
            {
                sections.Add((CollectorSections.Names.SshdLog, log));
            }

            var bundle = EvidenceBundle.Parse(BundleText.Of(sections), "test");
            return new DiagnosisContext(new ServerEvidence("web01", bundle), 22, IPAddress.Parse(client), null, null, null);
        }
    }
}
