using System.Linq;
using System.Net;
using SshTriage.Diagnosis;
using SshTriage.Probing;
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

        // The probe timeout is its own setting: the watchdog ends a connect after one probe
        // timeout, timeout(1) ends a probe after connect and banner wait, and ssh's own limit
        // (the management timeout to connect, then the script's bound) outlasts both, whatever
        // the management timeout is.
        [Theory]
        [InlineData(1, 15)]
        [InlineData(5, 15)]
        [InlineData(15, 15)]
        [InlineData(60, 5)]
        public void EveryEnclosingTimeoutComesFromTheProbeTimeout(int probeSeconds, int connectSeconds)
        {
            Assert.True(SshTriage.Remote.RemoteTargetBuilder.TryBuild("198.51.100.10", "root", null, null, null, null, false, System.TimeSpan.FromSeconds(connectSeconds), out var from, out var problem), problem);
            var probe = System.TimeSpan.FromSeconds(probeSeconds);
            var origin = new RemoteProbeOrigin(from!, probe);

            var killAfter = RemoteProbeOrigin.KillAfterSeconds(probe);
            Assert.Equal((2 * probeSeconds) + 1, killAfter);
            Assert.EndsWith($" 22 {probeSeconds} {ProbeWindow.ProbeCount} {killAfter}\n", origin.Script("198.51.100.20", 22));
            Assert.Contains("sleep \"$3\"", origin.Script("198.51.100.20", 22));
            var overall = SshTriage.Remote.OpenSshShell.OverallTimeout(origin.Host);
            Assert.Equal(System.TimeSpan.FromSeconds(connectSeconds) + RemoteProbeOrigin.ScriptTimeout(probe), overall);
            Assert.True(overall > System.TimeSpan.FromSeconds(connectSeconds + killAfter), $"ssh gives up after {overall}, before the probes end ({connectSeconds} + {killAfter} s)");
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
