using System.Globalization;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Test-SshPort against real sshd, nftables, iptables and TCP wrappers in the namespace lab:
    /// each scenario probed from the lab's client over IPv4 and IPv6.
    /// </summary>
    public class TestSshPortLabTests
    {
        [LabTheory]
        [InlineData("open", SshPortStatus.Open, 5)]
        [InlineData("refused", SshPortStatus.Refused, 5)]
        [InlineData("reject-tcp-reset", SshPortStatus.Refused, 5)]
        [InlineData("reject-port-unreachable", SshPortStatus.Refused, 5)]
        [InlineData("reject-admin-prohibited", SshPortStatus.HostUnreachable, 5)]
        [InlineData("drop", SshPortStatus.TimedOut, 2)]
        // libwrap waits 5 s before it closes a denied connection: the probe must wait longer.
        [InlineData("hosts-deny", SshPortStatus.ClosedBeforeBanner, 8)]
        [InlineData("maxstartups", SshPortStatus.ClosedBeforeBanner, 5)]
        [InlineData("not-ssh", SshPortStatus.NotSsh, 5)]
        public void EveryScenarioShowsItsSymptomOverBothFamilies(string scenario, SshPortStatus expected, double timeoutSec)
        {
            using var lab = LabInstance.Up(scenario);
            var results = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), timeoutSec, lab["SERVER_ADDR"], lab["SERVER_ADDR6"]);

            Assert.Equal(new[] { lab["SERVER_ADDR"], lab["SERVER_ADDR6"] }.OrderBy(a => a), results.Select(r => r.RemoteAddress).OrderBy(a => a));
            Assert.All(results, r => Assert.Equal(expected, r.Status));
        }

        [LabFact]
        public void AnOpenServerShowsItsBannerAndTheClientsAddress()
        {
            using var lab = LabInstance.Up("open");
            var result = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 5, lab["SERVER_ADDR"]).Single();

            Assert.StartsWith("SSH-2.0-OpenSSH_", result.Banner);
            Assert.StartsWith("OpenSSH_", result.SoftwareVersion);
            Assert.Equal(lab["CLIENT_ADDR"], result.LocalAddress);
            Assert.NotNull(result.ConnectTime);
            Assert.Null(result.SocketError);
        }

        [LabFact]
        public void ADropIsATimeoutWithoutAConnection()
        {
            using var lab = LabInstance.Up("drop");
            var result = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 1, lab["SERVER_ADDR"]).Single();

            Assert.Equal(SshPortStatus.TimedOut, result.Status);
            Assert.Null(result.ConnectTime);
        }

        [LabFact]
        public void TcpWrappersAcceptThenCloseWithoutAWord()
        {
            using var lab = LabInstance.Up("hosts-deny");
            var result = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 8, lab["SERVER_ADDR"]).Single();

            Assert.Equal(SshPortStatus.ClosedBeforeBanner, result.Status);
            Assert.NotNull(result.ConnectTime);
            Assert.Null(result.PreBannerText);
        }

        [LabFact]
        public void MaxStartupsShowsWhatSshdSaid()
        {
            using var lab = LabInstance.Up("maxstartups");
            var result = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 5, lab["SERVER_ADDR"]).Single();

            Assert.Equal(SshPortStatus.ClosedBeforeBanner, result.Status);
            Assert.Equal("Exceeded MaxStartups", result.PreBannerText);
        }

        [LabFact]
        public void AWebServerIsNotSshAndShowsItsAnswer()
        {
            using var lab = LabInstance.Up("not-ssh");
            var result = LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 5, lab["SERVER_ADDR"]).Single();

            Assert.Equal(SshPortStatus.NotSsh, result.Status);
            Assert.StartsWith("HTTP/1.", result.PreBannerText);
        }

        [LabFact]
        public void AnUnresolvableNameIsNameNotResolved()
        {
            // The client namespace has no route out, so the lookup cannot leave the lab.
            using var lab = LabInstance.Up("refused");
            var result = LabProbe.From(lab, "client", 22, 3, "no-such-host.invalid").Single();

            Assert.Equal(SshPortStatus.NameNotResolved, result.Status);
            Assert.Null(result.RemoteAddress);
        }
    }
}
