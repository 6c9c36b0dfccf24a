using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Get-Fail2BanJail, Get-Fail2BanBan and Unblock-Fail2BanIp's Core against a real Fail2Ban
    /// in the lab, with bans made by real failed logins and enforced by real firewalls.
    /// </summary>
    public abstract class Fail2BanLabTests
    {
        /// <summary>Runs every test over <paramref name="transport"/> (see <see cref="LabTransport"/>).</summary>
        protected Fail2BanLabTests(string transport) => Transport = transport;

        /// <summary>OpenSsh or SshNet: the runner's --transport.</summary>
        protected string Transport { get; }

        private const string Ban = "SshTriage.Fail2BanBan";
        private const string Jail = "SshTriage.Fail2BanJail";
        private const string Result = "SshTriage.Fail2BanUnbanResult";
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

        private LabRunOutput Unban(LabInstance lab, string address, bool approve, params string[] extra)
        {
            var arguments = new List<string> { "server", "unban", "--address", address };
            if (approve)
            {
                arguments.Add("--approve");
            }

            arguments.AddRange(extra);
            arguments.AddRange(ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY"));
            arguments.Add(lab["SERVER_ADDR"]);
            return LabRunner.Run(lab, "client", Timeout, arguments.ToArray());
        }

        private List<JsonElement> Bans(LabInstance lab) => ServerLab.AsRoot(lab, Transport, "ban").Objects.Where(o => o.Type == Ban).Select(o => o.Object).ToList();

        private static string Sha256(LabInstance lab, string path) => lab.Exec("server", TimeSpan.FromSeconds(10), "sha256sum", path).StandardOutput.Split(' ')[0];

        [LabTheory]
        [InlineData("f2b-iptables", "iptables chain f2b-sshd")]
        [InlineData("f2b-nftables", "nft set addr-set-sshd")]
        [InlineData("f2b-ipset", "ipset f2b-sshd")]
        public void ABanMadeByFailedLoginsIsEnforced(string scenario, string enforcedBy)
        {
            using var lab = LabInstance.Up(scenario);
            var output = ServerLab.AsRoot(lab, Transport, "ban");
            var bans = output.Objects.Where(o => o.Type == Ban).Select(o => o.Object).Where(b => b.GetProperty("IPAddress").GetString() == lab["BANNED_IP"]).ToList();
            Assert.True(bans.Count == 1, output.Describe());
            var ban = bans[0];

            Assert.Equal("sshd", ban.GetProperty("Jail").GetString());
            Assert.Equal("Enforced", ban.GetProperty("Enforcement").GetString());
            Assert.Equal(enforcedBy, ban.GetProperty("EnforcedBy").GetString());
            Assert.True(ban.GetProperty("ExpiresAt").GetDateTimeOffset() > ban.GetProperty("BannedAt").GetDateTimeOffset());
        }

        [LabTheory]
        [InlineData("f2b-iptables", "Enforced")]
        [InlineData("f2b-nftables", "Enforced")]
        [InlineData("f2b-ipset", "Enforced")]
        [InlineData("f2b-recidive", "Enforced")]
        [InlineData("f2b-ignoreip", "Enforced")]
        [InlineData("f2b-wrong-port", "Enforced")]
        [InlineData("f2b-gateway-banned", "Enforced")]
        [InlineData("f2b-ban-behind-nat", "Enforced")]
        [InlineData("f2b-ban-ineffective", "Enforced")]
        [InlineData("f2b-not-enforced", "NotEnforced")]
        public void EnforcementIsTheFirewallVerdictOnTheBannedAddress(string scenario, string enforcement)
        {
            using var lab = LabInstance.Up(scenario);
            var jails = ServerLab.AsRoot(lab, Transport, "jail").Objects.Where(o => o.Type == Jail).Select(o => o.Object).ToList();
            var bans = Bans(lab);
            Assert.NotEmpty(bans);

            foreach (var ban in bans)
            {
                var address = ban.GetProperty("IPAddress").GetString()!;
                var jail = jails.Single(j => j.GetProperty("Name").GetString() == ban.GetProperty("Jail").GetString());

                // Every lab jail guards "ssh": its ban is checked, and its connection walked, on port 22.
                Assert.Equal("ssh", jail.GetProperty("Port").GetString());
                var verdict = ServerLab.AsRoot(lab, Transport, "access", "--source", address, "--port", "22").Objects.Single(o => o.Type == "SshTriage.FirewallVerdict").Object;
                var walked = verdict.GetProperty("Verdict").GetString() switch
                {
                    "Drop" or "Reject" => "Enforced",
                    "Accept" => "NotEnforced",
                    _ => "Unknown",
                };

                Assert.True(walked == ban.GetProperty("Enforcement").GetString(), $"{scenario}: the ban of {address} is {ban.GetProperty("Enforcement")}, Test-FirewallAccess says {verdict}");
                Assert.Equal(enforcement, walked);
            }
        }

        [LabFact]
        public void ABanWhoseRuleWasDeletedIsNotEnforced()
        {
            using var lab = LabInstance.Up("f2b-not-enforced");
            var ban = Bans(lab).Single(b => b.GetProperty("IPAddress").GetString() == lab["BANNED_IP"]);

            Assert.Equal("NotEnforced", ban.GetProperty("Enforcement").GetString());
        }

        [LabFact]
        public void JailsShowTheirLimitsAndBans()
        {
            using var lab = LabInstance.Up("f2b-iptables");
            var output = ServerLab.AsRoot(lab, Transport, "jail", "--name", "ss*", "--name", "nosuchjail");
            var jail = output.Objects.Single(o => o.Type == Jail).Object;

            Assert.Equal("sshd", jail.GetProperty("Name").GetString());
            Assert.Contains(lab["BANNED_IP"], ServerLab.Strings(jail, "BannedIp"));
            Assert.Equal("iptables-multiport", jail.GetProperty("BanAction").GetString());
            Assert.Equal("ssh", jail.GetProperty("Port").GetString());
            Assert.True(jail.GetProperty("MaxRetry").GetInt32() > 0);
            Assert.Equal(new[] { "Fail2BanJailNotFound" }, output.ErrorIds);
        }

        [LabFact]
        public void WhatIfNamesEveryChangeAndMakesNone()
        {
            using var lab = LabInstance.Up("f2b-iptables");
            var output = Unban(lab, lab["BANNED_IP"], approve: false, "--ignore");

            var asked = output.Objects.Count == 0 ? null : output.Objects;
            Assert.Null(asked);
            Assert.Single(Bans(lab), b => b.GetProperty("IPAddress").GetString() == lab["BANNED_IP"]);
            Assert.Equal(SshPortStatus.Refused, LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 3, lab["SERVER_ADDR"]).Single().Status);
        }

        [LabFact]
        public void UnblockingRestoresTheConnection()
        {
            using var lab = LabInstance.Up("f2b-iptables");
            var port = int.Parse(lab["PORT"], CultureInfo.InvariantCulture);
            Assert.Equal(SshPortStatus.Refused, LabProbe.From(lab, "client", port, 3, lab["SERVER_ADDR"]).Single().Status);

            var result = Unban(lab, lab["BANNED_IP"], approve: true).Objects.Single(o => o.Type == Result).Object;

            Assert.True(result.GetProperty("WasBanned").GetBoolean());
            Assert.True(result.GetProperty("Unbanned").GetBoolean());
            Assert.Equal(SshPortStatus.Open, LabProbe.From(lab, "client", port, 3, lab["SERVER_ADDR"]).Single().Status);
        }

        [LabFact]
        public void TheGatewayIsUnbannedAndIgnoredForGood()
        {
            using var lab = LabInstance.Up("f2b-gateway-banned");
            var gateway = lab["GATEWAY_ADDR"];
            var output = Unban(lab, gateway, approve: true, "--jail", "sshd", "--ignore");
            var result = output.Objects.Single(o => o.Type == Result).Object;

            Assert.True(result.GetProperty("Unbanned").GetBoolean());
            Assert.True(result.GetProperty("IgnoreListUpdated").GetBoolean());
            Assert.StartsWith("/etc/fail2ban/jail.local.sshtriage-", result.GetProperty("BackupPath").GetString());
            Assert.Equal(SshPortStatus.Open, LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 3, lab["SERVER_ADDR"]).Single().Status);

            // A full restart re-reads jail.local: the exception is there to stay.
            Assert.Equal(0, lab.Exec("server", Timeout, "fail2ban-client", "restart").ExitCode);
            var ignored = lab.Exec("server", TimeSpan.FromSeconds(30), "fail2ban-client", "get", "sshd", "ignoreip").StandardOutput;
            Assert.Contains(gateway, ignored);
        }

        [LabFact]
        public void TheIgnoreListEditKeepsEveryOtherByte()
        {
            using var lab = LabInstance.Up("f2b-ignoreip");
            var before = lab.Exec("server", TimeSpan.FromSeconds(10), "cat", "/etc/fail2ban/jail.local").StandardOutput;
            Unban(lab, lab["BANNED_IP"], approve: true, "--jail", "sshd", "--ignore");
            var after = lab.Exec("server", TimeSpan.FromSeconds(10), "cat", "/etc/fail2ban/jail.local").StandardOutput;

            Assert.Equal(before.Replace("2001:db8:203::/64\n", "2001:db8:203::/64 " + lab["BANNED_IP"] + "\n"), after);

            // Asking again changes nothing.
            var again = Unban(lab, lab["BANNED_IP"], approve: true, "--jail", "sshd", "--ignore").Objects.Single(o => o.Type == Result).Object;
            Assert.False(again.GetProperty("IgnoreListUpdated").GetBoolean());
            Assert.Equal(after, lab.Exec("server", TimeSpan.FromSeconds(10), "cat", "/etc/fail2ban/jail.local").StandardOutput);
        }

        [LabFact]
        public void AJailLocalTheEditWouldBreakIsRestoredByteForByte()
        {
            using var lab = LabInstance.Up("f2b-ignoreip");
            // A jail that names a filter that does not exist: fail2ban-client -t fails after any edit.
            Assert.Equal(0, lab.Exec("server", TimeSpan.FromSeconds(10), "sh", "-c", "printf '\\n[broken]\\nenabled = true\\nfilter = sshtriage-no-such-filter\\nlogpath = /var/log/auth.log\\n' >> /etc/fail2ban/jail.local").ExitCode);
            var before = Sha256(lab, "/etc/fail2ban/jail.local");

            var output = Unban(lab, "203.0.113.77", approve: true, "--jail", "sshd", "--ignore");

            Assert.Contains("Fail2BanConfigInvalid", output.ErrorIds);
            Assert.Equal(before, Sha256(lab, "/etc/fail2ban/jail.local"));
            Assert.Equal(string.Empty, lab.Exec("server", TimeSpan.FromSeconds(10), "sh", "-c", "ls /etc/fail2ban/ | grep -v '^jail.local$' | grep jail.local || true").StandardOutput.Trim());
        }

        [LabFact]
        public void AWidePrefixNeedsForce()
        {
            using var lab = LabInstance.Up("f2b-iptables");
            var output = Unban(lab, "198.51.100.0/16", approve: true, "--jail", "sshd", "--ignore");

            Assert.Equal(new[] { "IgnorePrefixTooWide" }, output.ErrorIds);
        }
    }
}
