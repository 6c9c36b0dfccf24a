using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Find-SshRejectCause's Core against the lab's broken servers, run from the lab's client:
    /// a probe from there, the server's evidence over the management sshd, and the right cause first.
    /// </summary>
    public class FindCauseLabTests
    {
        private const string Cause = "SshTriage.SshRejectCause";

        private static List<System.Text.Json.JsonElement> Causes(LabInstance lab, params string[] extra)
        {
            var arguments = new List<string> { "--client", lab["CLIENT_ADDR"], "--port", lab["PORT"] };
            arguments.AddRange(extra);
            return ServerLab.AsRoot(lab, "cause", arguments.ToArray()).Objects.Where(o => o.Type == Cause).Select(o => o.Object).ToList();
        }

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
