using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Find-SshRejectCause's Core against the lab's broken servers, run from the lab's client:
    /// a probe from there, the server's evidence over the management sshd, and the right cause first.
    /// </summary>
    public abstract class FindCauseLabTests
    {
        /// <summary>Runs every test over <paramref name="transport"/> (see <see cref="LabTransport"/>).</summary>
        protected FindCauseLabTests(string transport) => Transport = transport;

        /// <summary>OpenSsh or SshNet: the runner's --transport.</summary>
        protected string Transport { get; }

        private List<JsonElement> Causes(LabInstance lab, params string[] extra) => Causes(lab, null, extra);

        private List<JsonElement> Causes(LabInstance lab, SshCounter? counter, params string[] extra) => CauseLab.Causes(CauseLab.FromClient(lab, Transport, counter, extra));

        private static List<JsonElement> Objects(LabRunOutput output) => CauseLab.Causes(output);

        private static string Describe(IEnumerable<JsonElement> causes) => CauseLab.Describe(causes);

        // SSH.NET starts no process: its sessions are counted in the server's log instead.
        private int SshProcesses(int overOpenSsh) => Transport == LabTransport.OpenSsh ? overOpenSsh : 0;

        private static IEnumerable<string> Excerpts(JsonElement cause) => CauseLab.Excerpts(cause);

        [LabFact]
        public void TheSeedCaseTheVpnGatewayIsBanned()
        {
            using var lab = LabInstance.Up("f2b-gateway-banned");
            var first = Causes(lab).First();

            Assert.Equal("Fail2BanGatewayBanned", first.GetProperty("Cause").GetString());
            Assert.Equal("Confirmed", first.GetProperty("Confidence").GetString());
            Assert.Equal(lab["GATEWAY_ADDR"], first.GetProperty("IPAddress").GetString());
            Assert.Equal(lab["GATEWAY_ADDR"], first.GetProperty("VisibleAddress").GetString());
            Assert.Equal("Refused", first.GetProperty("Symptom").GetString());
            Assert.Contains("-AddToIgnoreList", first.GetProperty("RemedyCommand").GetString());
        }

        [LabFact]
        public void TheSeedCaseProbedFromTheHostThatCannotGetIn()
        {
            using var lab = LabInstance.Up("f2b-gateway-banned");
            using var counter = new SshCounter(lab);

            // L itself is the admin's machine here: it reaches R over ssh, R cannot reach L.
            var causes = Objects(CauseLab.FromHost(lab, Transport, counter, "10"));

            var first = causes.First();
            Assert.True(first.GetProperty("Cause").GetString() == "Fail2BanGatewayBanned", Describe(causes));
            Assert.Equal("Confirmed", first.GetProperty("Confidence").GetString());
            Assert.Equal(lab["GATEWAY_ADDR"], first.GetProperty("IPAddress").GetString());
            Assert.Equal(lab["CLIENT_ADDR"], first.GetProperty("ClientAddress").GetString());
            Assert.Equal("Refused", first.GetProperty("Symptom").GetString());
            Assert.Contains("-AddToIgnoreList", first.GetProperty("RemedyCommand").GetString());
            Assert.Contains(Excerpts(first), e => e.Contains("during the probes") && e.Contains(lab["GATEWAY_ADDR"]));
            Assert.Equal(SshProcesses(2), counter.Count);
        }

        // A dropped port seen from -FromHost, every timeout at its default: the probes time out
        // on the origin host (the watchdog, after one probe timeout) and report it, instead of
        // the run being killed. bench/find-cause/run.sh prints how long this takes.
        [LabFact]
        public void ADropSeenFromTheClientAtTheDefaultSettings()
        {
            using var lab = LabInstance.Up("drop", fromHost: true);

            var output = CauseLab.FromHost(lab, Transport, null, null);

            Assert.True(!output.Errors.Any(), output.Describe());
            var causes = Objects(output);
            var first = causes.First();
            Assert.True(first.GetProperty("Cause").GetString() == "FirewallDrop" && first.GetProperty("Confidence").GetString() == "Confirmed", Describe(causes));
            Assert.Equal("TimedOut", first.GetProperty("Symptom").GetString());
            Assert.Equal(lab["CLIENT_ADDR"], first.GetProperty("ClientAddress").GetString());
            Assert.Contains(Excerpts(first), e => e.Contains($"tcp dport {lab["PORT"]} drop"));
        }

        [LabFact]
        public void TheSeedCaseOnTheServerItselfWithTheClientsAddress()
        {
            using var lab = LabInstance.Up("f2b-gateway-banned");

            var causes = Objects(CauseLab.Local(lab));

            var first = causes.First();
            Assert.True(first.GetProperty("Cause").GetString() == "Fail2BanGatewayBanned", Describe(causes));
            Assert.Equal("Confirmed", first.GetProperty("Confidence").GetString());
            Assert.Equal(lab["GATEWAY_ADDR"], first.GetProperty("IPAddress").GetString());
            Assert.Equal(JsonValueKind.Null, first.GetProperty("Symptom").ValueKind);
        }

        [LabFact]
        public void TheSeedCaseTakesOneSshSessionAndShowsTheCounterThatMoved()
        {
            using var lab = LabInstance.Up("f2b-gateway-banned");
            using var counter = new SshCounter(lab);
            var sessions = ManagementLogins(lab);

            var first = Causes(lab, counter).First();

            Assert.Equal("Fail2BanGatewayBanned", first.GetProperty("Cause").GetString());
            Assert.Contains(Excerpts(first), e => e.Contains("during the probes the counter"));
            Assert.Equal(SshProcesses(1), counter.Count);
            Assert.Equal(sessions + 1, ManagementLogins(lab));
        }

        // Logins to the server's management sshd so far, as its log has them.
        private static int ManagementLogins(LabInstance lab) =>
            System.IO.File.ReadAllLines(lab["AUTH_LOG"]).Count(l => l.Contains("sshd-mgmt[", StringComparison.Ordinal) && l.Contains("Accepted publickey for root", StringComparison.Ordinal));

        [LabFact]
        public void ABanOfAClientBehindAProxyCannotBite()
        {
            using var lab = LabInstance.Up("f2b-ban-ineffective");
            var causes = Causes(lab);

            var first = causes.First();
            Assert.True(first.GetProperty("Cause").GetString() == "Fail2BanBanIneffective", Describe(causes));
            Assert.Equal("Confirmed", first.GetProperty("Confidence").GetString());
            Assert.Equal(lab["CLIENT_ADDR"], first.GetProperty("IPAddress").GetString());
            Assert.Equal(lab["GATEWAY_ADDR"], first.GetProperty("VisibleAddress").GetString());
            Assert.Equal("Open", first.GetProperty("Symptom").GetString());
        }

        [LabFact]
        public void AnUpstreamFilterIsInferredThenShownByTheGateway()
        {
            using var lab = LabInstance.Up("upstream-filter");
            var inferred = Causes(lab, "--probe-timeout", "2");
            Assert.True(inferred.First().GetProperty("Cause").GetString() == "UpstreamFilter", Describe(inferred));
            Assert.Equal("Likely", inferred.First().GetProperty("Confidence").GetString());

            using var counter = new SshCounter(lab);
            var shown = Causes(
                lab,
                counter,
                "--probe-timeout", "2",
                "--hop", lab["GATEWAY_MGMT_ADDR"], "--hop-user", lab["GATEWAY_MGMT_USER"], "--hop-key", lab["GATEWAY_MGMT_KEY"],
                "--hop-ssh-port", lab["GATEWAY_MGMT_PORT"], "--hop-known-hosts", lab["GATEWAY_MGMT_KNOWN_HOSTS"]);
            var first = shown.First();
            Assert.True(first.GetProperty("Cause").GetString() == "UpstreamFilter" && first.GetProperty("Confidence").GetString() == "Confirmed", Describe(shown));
            Assert.Contains(first.GetProperty("Evidence").EnumerateArray(), e => e.GetProperty("Source").GetString() == lab["GATEWAY_MGMT_ADDR"]);
            Assert.Equal(SshProcesses(2), counter.Count);
        }

        [LabFact]
        public void WithNoManagementPathTheProbesStillAnswerHonestly()
        {
            using var lab = LabInstance.Up("drop-all");
            var output = LabRunner.Run(
                lab,
                "client",
                ServerLab.Timeout,
                "server", "cause", "--client", lab["CLIENT_ADDR"], "--port", lab["PORT"], "--probe-timeout", "2",
                "--transport", Transport, "--user", "root", "--key", lab["CLIENT_KEY"], "--ssh-port", "2222", "--option", "UserKnownHostsFile=" + lab["KNOWN_HOSTS"], "--timeout", "5",
                lab["SERVER_ADDR"]);

            Assert.Contains("SshConnectionFailed", output.ErrorIds);
            var causes = Objects(output);
            Assert.Equal(new[] { "FirewallDrop", "UpstreamFilter" }, causes.Select(c => c.GetProperty("Cause").GetString()));
            Assert.All(causes, c => Assert.Equal("Possible", c.GetProperty("Confidence").GetString()));
            Assert.All(causes, c => Assert.Equal("TimedOut", c.GetProperty("Symptom").GetString()));
            Assert.All(causes, c => Assert.Contains("Export-SshTriageCollector", c.GetProperty("Remedy").GetString()));
        }

        [LabFact]
        public void AHealthyServerListsWhatWasRuledOut()
        {
            using var lab = LabInstance.Up("open");
            var causes = Causes(lab, "--include-cleared");

            Assert.Equal("NoCauseFound", causes.First().GetProperty("Cause").GetString());
            var cleared = causes.Where(c => c.GetProperty("Confidence").GetString() == "Cleared").Select(c => c.GetProperty("Cause").GetString()).ToList();
            Assert.Contains("FirewallDrop", cleared);
            Assert.Contains("NotListeningOnPort", cleared);
            Assert.Contains("UpstreamFilter", cleared);
        }

        [LabTheory]
        [InlineData("f2b-iptables", "Fail2BanBan")]
        [InlineData("f2b-not-enforced", "Fail2BanBanNotEnforced")]
        [InlineData("fw-iptables-chains", "FirewallReject")]
        [InlineData("fw-legacy-split", "IptablesBackendSplit")]
        [InlineData("f2b-wrong-port", "Fail2BanWrongPort")]
        [InlineData("drop", "FirewallDrop")]
        [InlineData("hosts-deny", "TcpWrappersDenied")]
        [InlineData("moved-port", "NotListeningOnPort")]
        [InlineData("loopback-only", "NotListeningOnAddress")]
        [InlineData("sshd-stopped", "SshdNotRunning")]
        [InlineData("invalid-config", "SshdConfigInvalid")]
        [InlineData("maxstartups", "MaxStartupsThrottled")]
        [InlineData("not-ssh", "NotSshService")]
        [InlineData("open", "NoCauseFound")]
        public void TheRightCauseComesFirst(string scenario, string expected)
        {
            using var lab = LabInstance.Up(scenario);
            var causes = Causes(lab);

            Assert.True(
                causes.First().GetProperty("Cause").GetString() == expected,
                $"{scenario}: expected {expected} first, got {string.Join(", ", causes.Select(c => c.GetProperty("Cause").GetString() + "/" + c.GetProperty("Confidence").GetString()))}");
        }

        [LabFact]
        public void AnAllowUsersRefusalNamesTheUser()
        {
            using var lab = LabInstance.Up("allowusers");
            var first = Causes(lab, "--client-user", "bob").First();

            Assert.Equal("UserNotAllowed", first.GetProperty("Cause").GetString());
            Assert.Contains("bob", first.GetProperty("Summary").GetString());
        }
    }
}
