using System.Globalization;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    public class SshdConfigParserTests
    {
        [Theory]
        [InlineData("sshd-T/open-default.txt")]
        [InlineData("sshd-T/sshd10-open-default.txt")]
        public void ReadsTheTriageSettings(string fixture)
        {
            var config = SshdConfigParser.Parse("web01", Fixture.Load(fixture).Output);

            Assert.Equal(new[] { 22 }, config.Port);
            Assert.Contains("0.0.0.0:22", config.ListenAddress);
            Assert.Equal("any", config.AddressFamily);
            Assert.False(string.IsNullOrEmpty(config.MaxStartups));
            Assert.NotNull(config.PubkeyAuthentication);
            Assert.NotNull(config.LoginGraceTime);
            Assert.True(config.Settings.ContainsKey("HostKey"), "Settings must be case-insensitive");
            Assert.True(config.Settings["hostkey"].Length >= 1);
        }

        [Fact]
        public void OpenSsh10HasPerSourcePenalties()
        {
            var config = SshdConfigParser.Parse("web01", Fixture.Load("sshd-T/sshd10-open-default.txt").Output);
            Assert.False(string.IsNullOrEmpty(config.PerSourcePenalties));
        }

        [Fact]
        public void MatchBlocksChangeWhatAliceGets()
        {
            var plain = SshdConfigParser.Parse("web01", Fixture.Load("sshd-T/match-block-default.txt").Output);
            var alice = SshdConfigParser.Parse("web01", Fixture.Load("sshd-T/match-block-alice.txt").Output);

            Assert.Equal(false, plain.PasswordAuthentication);
            Assert.Equal(true, alice.PasswordAuthentication);
            Assert.Equal("no", alice.PermitRootLogin);
            Assert.Equal(new[] { "bob" }, alice.DenyUsers);
            Assert.Equal(new[] { "2" }, alice.Settings["MaxAuthTries"]);
        }

        [Fact]
        public void AnInvalidConfigIsReportedWithSshdsMessage()
        {
            var dump = Fixture.Load("sshd-T/invalid-config.txt");
            var test = Fixture.Load("sshd-t/invalid-config.txt");
            var report = new SshdConfigReader(null, null, null);
            var evidence = Evidence(("sshd-effective-config", dump.ExitCode, string.Empty, dump.Output), ("sshd-config-test", test.ExitCode, string.Empty, test.Output));

            var config = Assert.IsType<SshdConfig>(report.Read(evidence).Single());
            Assert.False(config.IsValid);
            Assert.Contains("Bad configuration option", config.ValidationMessage);
        }

        [Fact]
        public void WithoutRootSshdTIsAnAccessError()
        {
            var dump = Fixture.Load("sshd-T/open-nonroot.txt");
            var evidence = Evidence(("sshd-effective-config", dump.ExitCode, string.Empty, dump.Output), uid: 2001);

            var error = Assert.IsType<SshTriage.Operations.TriageError>(new SshdConfigReader(null, null, null).Read(evidence).Single());
            Assert.Equal("RemoteAccessDenied", error.ErrorId);
        }

        /// <summary>A bundle as the collector would print it, for sections whose output is a fixture.</summary>
        internal static ServerEvidence Evidence((string Name, int Exit, string Stdout, string Stderr) first, params (string Name, int Exit, string Stdout, string Stderr)[] more) =>
            Evidence(first, 0, more);

        internal static ServerEvidence Evidence((string Name, int Exit, string Stdout, string Stderr) first, int uid, params (string Name, int Exit, string Stdout, string Stderr)[] more)
        {
            var meta = ("meta", 0, BundleText.Meta(uid, "u" + uid.ToString(CultureInfo.InvariantCulture), "2026-11-21T14:20:00Z"), string.Empty);
            return BundleText.Evidence(BundleText.Of(new[] { meta, first }.Concat(more)));
        }
    }
}
