using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Get-SshListener, Get-SshdConfig and Get-SshLogEvent's Core against the lab server, reached
    /// over its management sshd with the system ssh client, as root, as a sudo user and as users
    /// without rights; and every error id of the transport produced for real.
    /// </summary>
    public abstract class ServerEvidenceLabTests
    {
        /// <summary>Runs every test over <paramref name="transport"/> (see <see cref="LabTransport"/>).</summary>
        protected ServerEvidenceLabTests(string transport) => Transport = transport;

        /// <summary>OpenSsh or SshNet: the runner's --transport.</summary>
        protected string Transport { get; }

        private const string Listener = "SshTriage.SshListener";
        private const string Config = "SshTriage.SshdConfig";
        private const string LogEvent = "SshTriage.SshLogEvent";

        [LabFact]
        public void ListenersShowSshdOnEveryAddress()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.AsRoot(lab, Transport, "listener");

            var sshd = output.Objects.Where(o => o.Type == Listener).Select(o => o.Object).Where(l => l.GetProperty("Port").GetInt32() == 22).ToList();
            Assert.Equal(new[] { "0.0.0.0", "::" }, sshd.Select(l => l.GetProperty("Address").GetString()).OrderBy(a => a, StringComparer.Ordinal));
            Assert.All(sshd, l => Assert.StartsWith("sshd", l.GetProperty("Process").GetString()));
            Assert.All(sshd, l => Assert.Equal(int.Parse(lab["SSHD_PID"], CultureInfo.InvariantCulture), l.GetProperty("ProcessId").GetInt32()));
            Assert.Empty(output.Errors);
        }

        [LabFact]
        public void AMovedPortShowsWhereSshdReallyListens()
        {
            using var lab = LabInstance.Up("moved-port");
            var output = ServerLab.AsRoot(lab, Transport, "listener");

            var ports = output.Objects.Where(o => o.Type == Listener).Select(o => o.Object)
                .Where(l => l.GetProperty("ProcessId").GetInt32() == int.Parse(lab["SSHD_PID"], CultureInfo.InvariantCulture))
                .Select(l => l.GetProperty("Port").GetInt32()).Distinct().ToList();
            Assert.Equal(new[] { 2200 }, ports);
        }

        [LabFact]
        public void ALoopbackOnlyListenAddressIsVisible()
        {
            using var lab = LabInstance.Up("loopback-only");
            var output = ServerLab.AsRoot(lab, Transport, "listener", "--port", "22");

            Assert.Equal(new[] { "127.0.0.1", "::1" }, output.Objects.Select(o => o.Object.GetProperty("Address").GetString()).OrderBy(a => a, StringComparer.Ordinal));
        }

        [LabFact]
        public void WithoutRootTheListenersComeBackWithoutProcessesAndAnAccessError()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.Run(lab, "listener", ServerLab.Connection(lab, Transport, "triage", "USER_TRIAGE_KEY"));

            Assert.NotEmpty(output.Objects);
            Assert.All(output.Objects, o => Assert.Equal(JsonValueKind.Null, o.Object.GetProperty("Process").ValueKind));
            Assert.Equal(new[] { "RemoteAccessDenied" }, output.ErrorIds);
        }

        [LabFact]
        public void SudoGivesANonRootUserTheWholePicture()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "triage", "USER_TRIAGE_KEY");
            connection.Add("--sudo");
            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Empty(output.Errors);
            Assert.Contains(output.Objects, o => o.Object.GetProperty("Process").GetString()?.StartsWith("sshd", StringComparison.Ordinal) == true);
        }

        [LabFact]
        public void MatchBlocksAreEvaluatedForAUserAndAnAddress()
        {
            using var lab = LabInstance.Up("match-block");
            var plain = ServerLab.AsRoot(lab, Transport, "sshd-config").Objects.Single(o => o.Type == Config).Object;
            var matched = ServerLab.AsRoot(lab, Transport, "sshd-config", "--match-user", "alice", "--match-host", "client", "--match-addr", lab["CLIENT_ADDR"]).Objects.Single(o => o.Type == Config).Object;

            Assert.Equal("alice", matched.GetProperty("MatchUser").GetString());
            Assert.Equal(lab["CLIENT_ADDR"], matched.GetProperty("MatchAddress").GetString());
            Assert.NotEqual(plain.GetProperty("Settings").ToString(), matched.GetProperty("Settings").ToString());
            Assert.True(plain.GetProperty("IsValid").GetBoolean());
        }

        [LabFact]
        public void AnInvalidConfigOnDiskIsReportedWithSshdsMessage()
        {
            using var lab = LabInstance.Up("invalid-config");
            var config = ServerLab.AsRoot(lab, Transport, "sshd-config").Objects.Single(o => o.Type == Config).Object;

            Assert.False(config.GetProperty("IsValid").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(config.GetProperty("ValidationMessage").GetString()));
        }

        [LabFact]
        public void SshdConfigWithoutRootIsAnAccessError()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.Run(lab, "sshd-config", ServerLab.Connection(lab, Transport, "triage", "USER_TRIAGE_KEY"));

            Assert.Equal(new[] { "RemoteAccessDenied" }, output.ErrorIds);
            Assert.Empty(output.Objects);
        }

        [LabFact]
        public void FailedLoginsAreTypedEvents()
        {
            using var lab = LabInstance.Up("failed-logins");
            var kinds = ServerLab.AsRoot(lab, Transport, "log", "--ip", lab["CLIENT_ADDR"]).Objects
                .Where(o => o.Type == LogEvent).Select(o => o.Object.GetProperty("Kind").GetString()).ToHashSet();

            Assert.Contains("Failed", kinds);
            Assert.Contains("InvalidUser", kinds);
            Assert.Contains("TooManyAuthFailures", kinds);
            Assert.Contains("ConnectionFrom", kinds);
        }

        [LabFact]
        public void AnAllowUsersRefusalNamesTheUser()
        {
            using var lab = LabInstance.Up("allowusers");
            var refusals = ServerLab.AsRoot(lab, Transport, "log", "--log-user", "bob").Objects
                .Where(o => o.Type == LogEvent).Select(o => o.Object)
                .Where(e => e.GetProperty("Kind").GetString() == "NotAllowed").ToList();

            Assert.NotEmpty(refusals);
            Assert.All(refusals, e => Assert.Equal(lab["CLIENT_ADDR"], e.GetProperty("Address").GetString()));
        }

        [LabFact]
        public void AHostsDenyRefusalIsLogged()
        {
            using var lab = LabInstance.Up("hosts-deny");
            LabProbe.From(lab, "client", int.Parse(lab["PORT"], CultureInfo.InvariantCulture), 8, lab["SERVER_ADDR"]);
            var refused = ServerLab.AsRoot(lab, Transport, "log", "--ip", lab["CLIENT_ADDR"]).Objects
                .Where(o => o.Type == LogEvent).Select(o => o.Object)
                .Where(e => e.GetProperty("Kind").GetString() == "RefusedConnect");

            Assert.NotEmpty(refused);
        }

        [LabFact]
        public void AChangedHostKeyIsRefusedNotBypassed()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.Run(lab, "listener", ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY", "WRONG_KNOWN_HOSTS"));

            Assert.Equal(new[] { "SshHostKeyVerificationFailed" }, output.ErrorIds);
            Assert.Empty(output.Objects);
        }

        [LabFact]
        public void AWrongKeyIsAnAuthenticationFailure()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.Run(lab, "listener", ServerLab.Connection(lab, Transport, "root", "USER_BOB_KEY"));

            Assert.Equal(new[] { "SshAuthenticationFailed" }, output.ErrorIds);
        }

        [LabFact]
        public void AClosedManagementPortIsAConnectionFailure()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY");
            connection[connection.IndexOf("--ssh-port") + 1] = "2223";
            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Equal(new[] { "SshConnectionFailed" }, output.ErrorIds);
        }

        [LabFact]
        public void SudoThatWantsAPasswordIsAClearError()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "nosudo", "USER_NOSUDO_KEY");
            connection.Add("--sudo");
            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Equal(new[] { "SudoPasswordRequired" }, output.ErrorIds);
        }

        [LabFact]
        public void ASudoPasswordGivesAUserWithoutNopasswdTheWholePicture()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "nosudo", "USER_NOSUDO_KEY");
            connection.AddRange(new[] { "--sudo-password-env", "SST_SUDO_PASSWORD" });
            var output = ServerLab.RunWithEnvironment(lab, "listener", connection, new[] { "SST_SUDO_PASSWORD=" + lab["USER_NOSUDO_PASSWORD"] });

            Assert.Empty(output.Errors);
            Assert.Contains(output.Objects, o => o.Object.GetProperty("Process").GetString() == "sshd-mgmt");
            Assert.DoesNotContain(lab["USER_NOSUDO_PASSWORD"], output.Describe(), StringComparison.Ordinal);
            Assert.DoesNotContain(lab["USER_NOSUDO_PASSWORD"], System.IO.File.ReadAllText(lab["AUTH_LOG"]), StringComparison.Ordinal);
        }

        [LabFact]
        public void ASudoPasswordSudoRefusesIsRejected()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "nosudo", "USER_NOSUDO_KEY");
            connection.AddRange(new[] { "--sudo-password-env", "SST_SUDO_PASSWORD" });
            var output = ServerLab.RunWithEnvironment(lab, "listener", connection, new[] { "SST_SUDO_PASSWORD=sst-not-the-password" });

            Assert.Equal(new[] { "SudoPasswordRejected" }, output.ErrorIds);
        }

        [LabFact]
        public void AServerKnownByOneOfItsKeysIsAskedForThatOne()
        {
            using var lab = LabInstance.Up("open");
            var ecdsaOnly = System.IO.Path.Combine(lab["STATE_DIR"], "client", "known_hosts_ecdsa");
            System.IO.File.WriteAllLines(ecdsaOnly, System.IO.File.ReadAllLines(lab["KNOWN_HOSTS"]).Where(l => l.Contains(" ecdsa-sha2-nistp256 ", StringComparison.Ordinal)));
            var connection = ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY");
            connection[connection.IndexOf("UserKnownHostsFile=" + lab["KNOWN_HOSTS"])] = "UserKnownHostsFile=" + ecdsaOnly;

            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Empty(output.Errors);
            Assert.NotEmpty(output.Objects);
        }

        [LabFact]
        public void AHostCertificateFromATrustedAuthorityIsAcceptedAndARevokedAuthorityIsNot()
        {
            using var lab = LabInstance.Up("open");
            var authority = new HostAuthority(lab);
            authority.CertifyManagementSshd();
            var connection = ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY");
            var knownHosts = connection.IndexOf("UserKnownHostsFile=" + lab["KNOWN_HOSTS"]);

            connection[knownHosts] = "UserKnownHostsFile=" + authority.KnownHosts(revoked: false);
            var trusted = ServerLab.Run(lab, "listener", connection);
            connection[knownHosts] = "UserKnownHostsFile=" + authority.KnownHosts(revoked: true);
            var revoked = ServerLab.Run(lab, "listener", connection);

            Assert.Empty(trusted.Errors);
            Assert.NotEmpty(trusted.Objects);
            Assert.Equal(new[] { "SshHostKeyVerificationFailed" }, revoked.ErrorIds);
        }

        [LabFact]
        public void ACollectorThatNeverFinishesIsATimeout()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "stall", "USER_STALL_KEY");
            connection[connection.IndexOf("--timeout") + 1] = "2";
            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Equal(new[] { "SshCommandTimedOut" }, output.ErrorIds);
        }

        [LabFact]
        public void WithoutAnSshClientOpenSshIsAClearErrorAndSshNetReadsOn()
        {
            using var lab = LabInstance.Up("open");
            var arguments = new[] { "server", "listener" }.Concat(ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY")).Append(lab["SERVER_ADDR"]).ToArray();
            var output = LabRunner.Run(lab, "client", TimeSpan.FromSeconds(60), new[] { "PATH=/nonexistent" }, arguments);

            if (Transport == LabTransport.OpenSsh)
            {
                Assert.Equal(new[] { "SshClientNotFound" }, output.ErrorIds);
            }
            else
            {
                Assert.Empty(output.Errors);
                Assert.NotEmpty(output.Objects);
            }
        }

        [LabFact]
        public void ReadingTheAuthLogWithoutRootIsAnAccessError()
        {
            using var lab = LabInstance.Up("open");
            var output = ServerLab.Run(lab, "log", ServerLab.Connection(lab, Transport, "triage", "USER_TRIAGE_KEY"));

            Assert.Equal(new[] { "RemoteAccessDenied" }, output.ErrorIds);
        }

        [LabFact]
        public void OneFailingHostDoesNotStopTheOthers()
        {
            using var lab = LabInstance.Up("open");
            var arguments = new[] { "server", "listener" }.Concat(ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY")).Concat(new[] { lab["SERVER_ADDR"], "198.51.100.99" }).ToArray();
            var output = LabRunner.Run(lab, "client", TimeSpan.FromSeconds(60), arguments);

            Assert.Equal(new[] { "SshConnectionFailed" }, output.ErrorIds);
            Assert.Contains(output.Objects, o => o.Object.GetProperty("ComputerName").GetString() == lab["SERVER_ADDR"]);
        }

        [LabFact]
        public void InjectedValuesReachTheServerAsDataNotCommands()
        {
            using var lab = LabInstance.Up("open");
            var canary = lab["STATE_DIR"] + "/pwned";
            var hostile = new[] { $"$(touch {canary})", $"`touch {canary}`", $"';touch {canary};'", $"x\";touch {canary};\"" };
            foreach (var value in hostile)
            {
                ServerLab.AsRoot(lab, Transport, "sshd-config", "--match-user", value, "--match-host", value);
                ServerLab.AsRoot(lab, Transport, "log", "--log-user", value);
                LabRunner.Run(lab, "client", TimeSpan.FromSeconds(60), "server", "listener", "--transport", Transport, "--user", value, "--jump", value, "--option", "User=" + value, value);
            }

            Assert.False(System.IO.File.Exists(canary), "an injected command ran");
            Assert.False(lab.Exec("server", TimeSpan.FromSeconds(10), "test", "-e", canary).ExitCode == 0, "an injected command ran on the server");
        }

        [LabFact]
        public void AlgorithmOptionsMeanTheSameOnBothTransports()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY");
            connection.AddRange(new[] { "--option", "KexAlgorithms=curve25519-sha256", "--option", "Ciphers=^aes256-gcm@openssh.com" });
            var narrowed = ServerLab.Run(lab, "listener", connection);

            // The lab's sshd 9.2 no longer takes this key exchange: an offer of it alone fails.
            var refused = ServerLab.Run(lab, "listener", ServerLab.Connection(lab, Transport, "root", "CLIENT_KEY").Concat(new[] { "--option", "KexAlgorithms=diffie-hellman-group14-sha1" }));

            Assert.Empty(narrowed.Errors);
            Assert.Contains(narrowed.Objects, o => o.Type == Listener);
            Assert.Equal(new[] { "SshConnectionFailed" }, refused.ErrorIds);
            Assert.Empty(refused.Objects);
        }

        [LabFact]
        public void ASavedBundleReadsTheSameAsTheLiveServer()
        {
            using var lab = LabInstance.Up("moved-port");
            var bundle = System.IO.Path.Combine(lab["STATE_DIR"], "client", "bundle.txt");
            var script = System.IO.Path.Combine(lab["STATE_DIR"], "client", "collector.sh");
            System.IO.File.WriteAllText(script, SshTriage.Evidence.CollectorScript.Build(new[] { SshTriage.Collection.CollectorSections.Meta }.Concat(SshTriage.Sshd.ListenerReader.Sections)));
            var collect = lab.Exec("client", TimeSpan.FromSeconds(30), "sh", "-c",
                $"ssh -T -o BatchMode=yes -o UserKnownHostsFile={lab["KNOWN_HOSTS"]} -o GlobalKnownHostsFile=/dev/null -i {lab["CLIENT_KEY"]} -p {lab["MGMT_PORT"]} root@{lab["SERVER_ADDR"]} 'sh -s' < {script} > {bundle}");
            Assert.Equal(0, collect.ExitCode);

            var live = ServerLab.AsRoot(lab, Transport, "listener");
            var saved = LabRunner.Run(lab, "client", TimeSpan.FromSeconds(60), "server", "listener", "--evidence", bundle);

            Assert.Equal(
                live.Objects.Select(o => o.Object.GetProperty("Port").GetInt32()).OrderBy(p => p),
                saved.Objects.Select(o => o.Object.GetProperty("Port").GetInt32()).OrderBy(p => p));
        }
    }
}
