using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Each class of cause in its own lab scenario, diagnosed along every path a user takes:
    /// from the client (-ComputerName), probing from the client while the admin works
    /// elsewhere (-FromHost), and on the server itself (-Local). The right cause comes first,
    /// with the confidence its evidence allows on that path.
    /// </summary>
    public class DiagnosisPathLabTests
    {
        // Runs the diagnosis along PATH with EXTRA (space-separated runner options) and checks the first cause.
        private static List<System.Text.Json.JsonElement> FirstCauseIs(LabInstance lab, string path, string extra, string cause, string confidence)
        {
            var output = CauseLab.Run(lab, path, extra.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var causes = CauseLab.Causes(output);
            Assert.True(
                causes.Count > 0 && CauseLab.Text(causes[0], "Cause") == cause && CauseLab.Text(causes[0], "Confidence") == confidence,
                $"{lab.Scenario} via {path}{(lab.Settings.TryGetValue("SERVER_LOG", out var log) && log == "journal" ? ", journal only" : string.Empty)}: expected {cause}/{confidence} first, got {CauseLab.Describe(causes)}\n{output.Describe()}");
            return causes;
        }

        [LabTheory]
        [InlineData("invalid-config-stopped", CauseLab.ComputerNamePath, "SshdConfigInvalid", "Confirmed", "")]
        [InlineData("invalid-config-stopped", CauseLab.LocalPath, "SshdConfigInvalid", "Confirmed", "")]
        [InlineData("drop", CauseLab.FromHostPath, "FirewallDrop", "Confirmed", "")]
        [InlineData("fw-nft-counter", CauseLab.FromHostPath, "FirewallDrop", "Confirmed", "")]
        [InlineData("upstream-filter", CauseLab.FromHostPath, "UpstreamFilter", "Likely", "")]
        [InlineData("allowusers-quiet", CauseLab.ComputerNamePath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("allowusers-quiet", CauseLab.FromHostPath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("allowusers-quiet", CauseLab.LocalPath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("match-denygroups", CauseLab.ComputerNamePath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("match-denygroups", CauseLab.FromHostPath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("match-denygroups", CauseLab.LocalPath, "UserNotAllowed", "Likely", "--client-user bob")]
        [InlineData("allowusers", CauseLab.ComputerNamePath, "UserNotAllowed", "Confirmed", "--client-user bob")]
        [InlineData("allowusers", CauseLab.LocalPath, "UserNotAllowed", "Confirmed", "--client-user bob")]
        [InlineData("f2b-ban-behind-nat", CauseLab.ComputerNamePath, "Fail2BanBanIneffective", "Confirmed", "")]
        [InlineData("f2b-ban-behind-nat", CauseLab.FromHostPath, "Fail2BanBanIneffective", "Confirmed", "")]
        [InlineData("f2b-ban-behind-nat", CauseLab.LocalPath, "Fail2BanBanIneffective", "Likely", "")]
        [InlineData("f2b-ban-ineffective", CauseLab.LocalPath, "Fail2BanBanIneffective", "Likely", "")]
        [InlineData("f2b-iptables", CauseLab.LocalPath, "Fail2BanBan", "Confirmed", "")]
        [InlineData("not-ssh", CauseLab.LocalPath, "NotSshService", "Confirmed", "")]
        [InlineData("fw-ufw-limit", CauseLab.ComputerNamePath, "FirewallReject", "Confirmed", "")]
        [InlineData("fw-ufw-limit", CauseLab.FromHostPath, "FirewallReject", "Confirmed", "")]
        [InlineData("fw-ufw-limit", CauseLab.LocalPath, "FirewallReject", "Confirmed", "")]
        [InlineData("fw-recent-drop", CauseLab.ComputerNamePath, "FirewallDrop", "Confirmed", "")]
        [InlineData("fw-recent-drop", CauseLab.FromHostPath, "FirewallDrop", "Confirmed", "")]
        [InlineData("fw-recent-drop", CauseLab.LocalPath, "FirewallDrop", "Confirmed", "")]
        [InlineData("fw-hashlimit", CauseLab.ComputerNamePath, "FirewallReject", "Confirmed", "")]
        [InlineData("fw-hashlimit", CauseLab.FromHostPath, "FirewallReject", "Confirmed", "")]
        [InlineData("fw-hashlimit", CauseLab.LocalPath, "FirewallReject", "Confirmed", "")]
        [InlineData("not-ssh", CauseLab.FromHostPath, "NotSshService", "Confirmed", "")]
        [InlineData("not-ssh-silent", CauseLab.ComputerNamePath, "NotSshService", "Confirmed", "")]
        [InlineData("not-ssh-silent", CauseLab.FromHostPath, "NotSshService", "Confirmed", "")]
        [InlineData("not-ssh-silent", CauseLab.LocalPath, "NotSshService", "Confirmed", "")]
        [InlineData("hosts-deny-network", CauseLab.ComputerNamePath, "TcpWrappersDenied", "Confirmed", "")]
        [InlineData("hosts-deny-network", CauseLab.LocalPath, "TcpWrappersDenied", "Likely", "")]
        [InlineData("host-key-changed", CauseLab.FromHostPath, "HostKeyChanged", "Confirmed", "")]
        [InlineData("too-many-keys", CauseLab.FromHostPath, "TooManyAuthFailures", "Confirmed", "--client-user alice")]
        public void TheRightCauseComesFirstOnEveryPath(string scenario, string path, string cause, string confidence, string extra)
        {
            using var lab = LabInstance.Up(scenario, fromHost: path == CauseLab.FromHostPath);
            FirstCauseIs(lab, path, extra, cause, confidence);
        }

        [LabFact]
        public void ASilentProgramOnThePortIsNamedAndExplainsTheMovedSshd()
        {
            using var lab = LabInstance.Up("not-ssh-silent");
            var causes = CauseLab.Causes(CauseLab.FromClient(lab, LabTransport.OpenSsh, null));

            var first = causes.First();
            Assert.Equal("NotSshService", CauseLab.Text(first, "Cause"));
            Assert.Equal("TimedOut", CauseLab.Text(first, "Symptom"));
            Assert.Contains("socat, not sshd, listens on port", CauseLab.Text(first, "Summary"));
            Assert.Contains(CauseLab.Excerpts(first), e => e.Contains($"socat (pid {lab["SOCAT_PID"]})"));
            var moved = causes.Single(c => CauseLab.Text(c, "Cause") == "NotListeningOnPort");
            Assert.Equal("NotSshService", CauseLab.Text(moved, "ExplainedBy"));
            Assert.DoesNotContain(causes, c => CauseLab.Text(c, "Cause") is "FirewallDrop" or "UpstreamFilter");
        }

        [LabFact]
        public void OnTheServerABanOfAClientThatNowArrivesThroughANatIsNotClaimed()
        {
            using var lab = LabInstance.Up("f2b-ban-behind-nat");
            var causes = CauseLab.Causes(CauseLab.Local(lab));

            var first = causes.First();
            Assert.Equal("Fail2BanBanIneffective", CauseLab.Text(first, "Cause"));
            Assert.Equal(lab["GATEWAY_ADDR"], CauseLab.Text(first, "VisibleAddress"));
            Assert.Equal(lab["CLIENT_ADDR"], CauseLab.Text(first, "IPAddress"));
            Assert.Equal("sshd", CauseLab.Text(first, "Jail"));
            Assert.Contains(CauseLab.Excerpts(first), e => e.Contains($"the route to {lab["CLIENT_ADDR"]} goes through {lab["GATEWAY_ADDR"]}, and sshd's newest line names it"));
            Assert.DoesNotContain(causes, c => CauseLab.Text(c, "Cause") == "Fail2BanBan" && CauseLab.Text(c, "Confidence") == "Confirmed");
        }

        // Find-SshRejectCause | Unblock-Fail2BanIp: the cause's Jail and IPAddress, given to the unban as they are.
        [LabTheory]
        [InlineData(CauseLab.ComputerNamePath)]
        [InlineData(CauseLab.LocalPath)]
        public void AJailOnTheWrongPortPipesIntoUnblock(string path)
        {
            using var lab = LabInstance.Up("f2b-wrong-port");
            var causes = CauseLab.Causes(CauseLab.Run(lab, path));

            var wrongPort = causes.Single(c => CauseLab.Text(c, "Cause") == "Fail2BanWrongPort");
            Assert.Equal((lab["JAIL"], lab["BANNED_IP"]), (CauseLab.Text(wrongPort, "Jail"), CauseLab.Text(wrongPort, "IPAddress")));
            var unban = new List<string> { "server", "unban", "--address", CauseLab.Text(wrongPort, "IPAddress"), "--jail", CauseLab.Text(wrongPort, "Jail"), "--approve" };
            unban.AddRange(path == CauseLab.LocalPath ? new[] { "--local" } : ServerLab.Connection(lab, LabTransport.OpenSsh, "root", "CLIENT_KEY").Append(lab["SERVER_ADDR"]));
            var result = LabRunner.Run(lab, path == CauseLab.LocalPath ? "server" : "client", ServerLab.Timeout, unban.ToArray());
            var unbanned = Assert.Single(result.Objects, o => o.Type == "SshTriage.Fail2BanUnbanResult").Object;
            Assert.True(unbanned.GetProperty("Unbanned").GetBoolean(), result.Describe());
        }

        // On the server with no client address: which address the server sees is unknown, so
        // every enforced ban and every rule that blocks the port for some sources is Possible.
        [LabTheory]
        [InlineData("f2b-gateway-banned", "Fail2BanBan", "GATEWAY_ADDR")]
        [InlineData("fw-iptables-chains", "FirewallReject", null)]
        public void WithoutTheClientsAddressTheServerListsWhatCouldRefuseIt(string scenario, string cause, string? bannedKey)
        {
            using var lab = LabInstance.Up(scenario);
            var causes = CauseLab.Causes(LabRunner.Run(lab, "server", ServerLab.Timeout, "server", "cause", "--local", "--port", lab["PORT"]));

            var first = causes.First();
            Assert.True(CauseLab.Text(first, "Cause") == cause && CauseLab.Text(first, "Confidence") == "Possible", CauseLab.Describe(causes));
            Assert.Contains("The address the server sees is unknown", CauseLab.Text(first, "Summary"));
            if (bannedKey != null)
            {
                Assert.Equal(lab[bannedKey], CauseLab.Text(first, "IPAddress"));
                Assert.Equal("sshd", CauseLab.Text(first, "Jail"));
            }
            else
            {
                Assert.Contains("198.51.100.0/24", CauseLab.Text(first, "Summary"));
            }
        }

        // A -Local run's commands use -Local; a missing privilege separation directory is no
        // typo in sshd_config, and the remedy says what creates it.
        [LabTheory]
        [InlineData(CauseLab.ComputerNamePath)]
        [InlineData(CauseLab.LocalPath)]
        public void RemediesFitTheCall(string path)
        {
            using var lab = LabInstance.Up("privsep-missing");
            var causes = CauseLab.Causes(CauseLab.Run(lab, path));

            var first = causes.First();
            Assert.True(CauseLab.Text(first, "Cause") == "SshdConfigInvalid" && CauseLab.Text(first, "Confidence") == "Confirmed", CauseLab.Describe(causes));
            Assert.Contains("privilege separation directory /run/sshd does not exist", CauseLab.Text(first, "Summary"));
            Assert.Contains("RuntimeDirectory=sshd", CauseLab.Text(first, "Remedy"));
            Assert.Contains("mkdir -p -m 0755 /run/sshd", CauseLab.Text(first, "Remedy"));
            Assert.DoesNotContain("Fix the line", CauseLab.Text(first, "Remedy"));
            Assert.Equal("SshdConfigInvalid", CauseLab.Text(causes[1], "ExplainedBy"));
            var how = path == CauseLab.LocalPath ? "-Local" : "-ComputerName " + lab["SERVER_ADDR"];
            Assert.All(causes.Where(c => CauseLab.Text(c, "RemedyCommand").Length > 0), c => Assert.Contains(how, CauseLab.Text(c, "RemedyCommand")));
            if (path == CauseLab.LocalPath)
            {
                Assert.All(causes, c => Assert.DoesNotContain("-ComputerName", CauseLab.Text(c, "RemedyCommand")));
            }
        }

        [LabFact]
        public void TheGroupsAndTheMatchBlockThatRefuseAreQuoted()
        {
            using var lab = LabInstance.Up("match-denygroups");
            var first = CauseLab.Causes(CauseLab.Local(lab, "--client-user", "bob")).First();

            Assert.Equal("UserNotAllowed", CauseLab.Text(first, "Cause"));
            Assert.Contains("a group is listed in DenyGroups", CauseLab.Text(first, "Summary"));
            Assert.Contains(CauseLab.Excerpts(first), e => e == "denygroups contractors");
            Assert.Contains(CauseLab.Excerpts(first), e => e.Contains("contractors") && e.StartsWith("bob", StringComparison.Ordinal));
            Assert.Contains(first.GetProperty("Evidence").EnumerateArray(), e => CauseLab.Text(e, "Command").StartsWith($"sshd -T -C user=bob,host={lab["CLIENT_ADDR"]},addr={lab["CLIENT_ADDR"]}", StringComparison.Ordinal));
            Assert.StartsWith("Get-SshdConfig -Local -MatchUser bob", CauseLab.Text(first, "RemedyCommand"));
        }

        // libwrap reads hosts.allow and hosts.deny at every connection: the files decide, before
        // anything is refused and logged, and clear the cause for an address they admit.
        [LabFact]
        public void TcpWrappersAreReadFromTheFilesThemselves()
        {
            using var lab = LabInstance.Up("hosts-deny-network");

            var denied = CauseLab.Causes(CauseLab.Local(lab)).First();
            var admitted = CauseLab.Causes(CauseLab.Local(lab, "--client", "203.0.113.5", "--include-cleared")).Single(c => CauseLab.Text(c, "Cause") == "TcpWrappersDenied");

            Assert.Equal("TcpWrappersDenied", CauseLab.Text(denied, "Cause"));
            Assert.Contains(CauseLab.Excerpts(denied), e => e == $"/etc/hosts.deny:1: sshd: 198.51.100.0/255.255.255.0 EXCEPT {lab["SERVER_ADDR"]}");
            Assert.Equal("Cleared", CauseLab.Text(admitted, "Confidence"));
            Assert.Contains("/etc/hosts.allow:1: sshd: 203.0.113.0/24 admits 203.0.113.5", CauseLab.Text(admitted, "Summary"));
        }

        [LabFact]
        public void AUserTheConfigurationAdmitsIsClearedByTheConfiguration()
        {
            using var lab = LabInstance.Up("allowusers-quiet");
            var causes = CauseLab.Causes(CauseLab.Local(lab, "--client-user", "alice", "--include-cleared"));

            var cleared = causes.Single(c => CauseLab.Text(c, "Cause") == "UserNotAllowed");
            Assert.Equal("Cleared", CauseLab.Text(cleared, "Confidence"));
            Assert.Contains("sshd -T -C user=alice", CauseLab.Text(cleared, "Summary"));
        }

        // The log-based classes on a server whose sshd lines are only in the journal: no
        // auth.log, journal files written from the lab's syslog by systemd-journal-remote
        // (and read by Fail2Ban's systemd backend, which makes the ban).
        [LabTheory]
        [InlineData("f2b-iptables", CauseLab.ComputerNamePath, "Fail2BanBan", "Confirmed", "")]
        [InlineData("f2b-iptables", CauseLab.LocalPath, "Fail2BanBan", "Confirmed", "")]
        [InlineData("f2b-gateway-banned", CauseLab.ComputerNamePath, "Fail2BanGatewayBanned", "Confirmed", "")]
        [InlineData("f2b-gateway-banned", CauseLab.LocalPath, "Fail2BanGatewayBanned", "Confirmed", "")]
        [InlineData("f2b-ban-behind-nat", CauseLab.LocalPath, "Fail2BanBanIneffective", "Likely", "")]
        [InlineData("hosts-deny", CauseLab.ComputerNamePath, "TcpWrappersDenied", "Confirmed", "")]
        [InlineData("hosts-deny", CauseLab.LocalPath, "TcpWrappersDenied", "Likely", "")]
        [InlineData("allowusers", CauseLab.ComputerNamePath, "UserNotAllowed", "Confirmed", "--client-user bob")]
        [InlineData("allowusers", CauseLab.LocalPath, "UserNotAllowed", "Confirmed", "--client-user bob")]
        [InlineData("maxstartups", CauseLab.ComputerNamePath, "MaxStartupsThrottled", "Confirmed", "")]
        [InlineData("penalty", CauseLab.ComputerNamePath, "PerSourcePenalty", "Confirmed", "")]
        [InlineData("penalty", CauseLab.LocalPath, "PerSourcePenalty", "Likely", "")]
        public void OnAJournalOnlyServerTheLogStillDecides(string scenario, string path, string cause, string confidence, string extra)
        {
            using var lab = LabInstance.Up(scenario, journal: true);
            Assert.Equal("journal", lab["SERVER_LOG"]);
            var causes = FirstCauseIs(lab, path, extra, cause, confidence);
            // What the log decides quotes the journal (from the client, a ban shows by its counter instead).
            if (path == CauseLab.LocalPath || !cause.StartsWith("Fail2Ban", StringComparison.Ordinal))
            {
                Assert.Contains(causes[0].GetProperty("Evidence").EnumerateArray(), e => CauseLab.Text(e, "Command") == "journal");
            }
        }

        [LabTheory]
        [InlineData(CauseLab.ComputerNamePath)]
        [InlineData(CauseLab.LocalPath)]
        public void TheInvalidConfigurationExplainsTheStoppedSshd(string path)
        {
            using var lab = LabInstance.Up("invalid-config-stopped");
            var causes = CauseLab.Causes(CauseLab.Run(lab, path));

            var stopped = causes.Single(c => CauseLab.Text(c, "Cause") == "SshdNotRunning");
            Assert.Equal(1, causes.IndexOf(stopped));
            Assert.Equal("SshdConfigInvalid", CauseLab.Text(stopped, "ExplainedBy"));
            Assert.Contains("Explained by SshdConfigInvalid", CauseLab.Text(stopped, "Summary"));
            Assert.Contains(CauseLab.Excerpts(causes[0]), e => e.Contains("Bad configuration option: PermitRootLogn"));
        }
    }
}
