using System.Linq;
using System.Net;
using SshTriage.Diagnosis;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The -FromHost probe script's output, captured in the lab (tests/lab/capture-probe-fixtures.sh), read into Test-SshPort's statuses.</summary>
    public class RemoteProbeParseTests
    {
        private static ProbeWindow Parse(string fixture) =>
            RemoteProbeOrigin.Parse("r1", "198.51.100.20", 22, Fixture.Load("probe/" + fixture + ".txt").Output);

        [Theory]
        [InlineData("open", SshPortStatus.Open)]
        [InlineData("open-v6", SshPortStatus.Open)]
        [InlineData("refused", SshPortStatus.Refused)]
        [InlineData("timed-out", SshPortStatus.TimedOut)]
        [InlineData("not-ssh", SshPortStatus.NotSsh)]
        [InlineData("maxstartups", SshPortStatus.ClosedBeforeBanner)]
        [InlineData("admin-prohibited", SshPortStatus.HostUnreachable)]
        public void EveryProbeGetsTheStatusTestSshPortGives(string fixture, SshPortStatus expected)
        {
            var window = Parse(fixture);

            Assert.Equal(ProbeWindow.ProbeCount, window.Probes.Count);
            Assert.All(window.Probes, p => Assert.Equal(expected, p.Status));
            Assert.Equal(expected, window.Symptom!.Status);
        }

        [Fact]
        public void TheBannerAndTheAddressesAreKept()
        {
            var window = Parse("open");

            Assert.Equal(IPAddress.Parse("198.51.100.10"), window.OriginAddress);
            var probe = window.Probes.First();
            Assert.Equal(IPAddress.Parse("198.51.100.20"), probe.RemoteAddress);
            Assert.StartsWith("OpenSSH_9.2", probe.SoftwareVersion);
            Assert.NotNull(probe.ConnectTime);
        }

        [Fact]
        public void SshdsReasonForClosingIsKept()
        {
            Assert.Contains("Exceeded MaxStartups", Parse("maxstartups").Symptom!.PreBannerText);
        }

        [Theory]
        [InlineData("maxstartups", "MaxStartupsThrottled", CauseConfidence.Confirmed)]
        [InlineData("not-ssh", "NotSshService", CauseConfidence.Confirmed)]
        [InlineData("admin-prohibited", "FirewallReject", CauseConfidence.Likely)]
        [InlineData("refused", "SshdNotRunning", CauseConfidence.Possible)]
        [InlineData("timed-out", "FirewallDrop", CauseConfidence.Possible)]
        [InlineData("open", "NoCauseFound", CauseConfidence.Possible)]
        public void WithoutTheServerTheProbesAloneGiveHonestCauses(string fixture, string cause, CauseConfidence confidence)
        {
            var first = ClientSideDiagnosis.Diagnose("web01", 22, IPAddress.Parse("198.51.100.10"), Parse(fixture)).First();

            Assert.Equal((cause, confidence), (first.Cause.ToString(), first.Confidence));
            Assert.Contains("could not be read", first.Remedy);
        }
    }
}
