using System.IO;
using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// The causes whose evidence the lab cannot produce for real (systemd, SELinux) or needs
    /// OpenSSH 10 for, read from sections written the way the tools print them; and the login
    /// stage's causes read from the lines sshd wrote in the lab, without the lab.
    /// </summary>
    public class CauseRuleTests
    {
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");

        private static DiagnosisContext Context(int port, params (string Name, string Output)[] sections) => Context(port, Client, sections);

        private static DiagnosisContext Context(int port, IPAddress? client, params (string Name, string Output)[] sections) => Context(port, client, null, sections);

        private static DiagnosisContext Context(int port, IPAddress? client, string? user, params (string Name, string Output)[] sections)
        {
            var text = BundleText.Of(new[] { ("meta", BundleText.RootMeta) }.Concat(sections));
            return new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Parse(text, "test")), port, client, user, null, null);
        }

        // The login stage: the client's user, sshd's own lines as a lab scenario made sshd write them
        // (tests/lab/capture-login-log-fixtures.sh) and sshd -T's values as sshd prints them.
        private static DiagnosisContext Login(string user, params (string Name, string Output)[] sections) => Context(22, Client, user, sections);

        private static (string, string) Account(string fixture) => (Accounts.AccountSections.Names.Account, Fixture.Load("account/" + fixture + ".txt").Output);

        private static (string, string) Log(string fixture) => ("sshd-log", "source=/var/log/auth.log\n" + Fixture.Load("auth-log/" + fixture).Output);


        // systemd cannot run here: systemctl list-sockets and ss as the systemd documentation and
        // Ubuntu 24.04 print them for ssh.socket, with Port 2222 in sshd_config.
        [Fact]
        public void ASocketUnitOverridesThePortInSshdConfig()
        {
            var context = Context(
                2222,
                ("ss-listen", "LISTEN 0      4096         0.0.0.0:22        0.0.0.0:*    users:((\"sshd\",pid=1021,fd=3),(\"systemd\",pid=1,fd=105))\nLISTEN 0      4096            [::]:22           [::]:*    users:((\"sshd\",pid=1021,fd=4),(\"systemd\",pid=1,fd=106))"),
                ("systemd-sockets", "[::]:22                         ssh.socket                      ssh.service\n0.0.0.0:22                      ssh.socket                      ssh.service"),
                ("sshd-effective-config", "port 2222\nlistenaddress [::]:2222\nlistenaddress 0.0.0.0:2222\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.SocketActivationOverride, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains("ssh.socket", first.Summary);
            Assert.Contains("ListenStream=2222", first.Remedy);
        }

        // SELinux cannot run here: getenforce's word and semanage's ssh_port_t line as the tools
        // print them (policycoreutils), and the line sshd logs when the bind is refused.
        [Fact]
        public void SELinuxDeniesAnUnlabelledPort()
        {
            var context = Context(
                2222,
                ("selinux", "Enforcing\nssh_port_t                     tcp      22\n"),
                ("sshd-effective-config", "port 2222\n"),
                ("sshd-log", "source=/var/log/secure\nNov 21 09:58:02 web01 sshd[812]: error: Bind to port 2222 on 0.0.0.0 failed: Permission denied.\nNov 21 09:58:02 web01 sshd[812]: fatal: Cannot bind any address.\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.SELinuxPortDenied, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("Permission denied"));
            Assert.Contains("semanage port -a -t ssh_port_t -p tcp 2222", first.Remedy);
        }

        [Fact]
        public void ALabelledPortRangeIsNotDenied()
        {
            var context = Context(2222, ("selinux", "Enforcing\nssh_port_t                     tcp      2220-2230, 22\n"), ("sshd-effective-config", "port 2222\n"));

            Assert.DoesNotContain(Diagnoser.Diagnose(context, includeCleared: true), c => c.Cause == RejectCause.SELinuxPortDenied && c.Confidence != CauseConfidence.Cleared);
        }

        [Fact]
        public void RefuseConnectionInTheConfigurationIsNamed()
        {
            var log = Fixture.Load("auth-log/sshd10-refuse-connection.txt").Output;
            var context = Context(22, ("sshd-log", "source=/var/log/auth.log\n" + log));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.RefusedByConfig, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains("root", first.Summary);
        }

        [Fact]
        public void ClearedCausesComeOnlyWhenAsked()
        {
            var context = Context(22, ("sshd-effective-config", "port 22\n"), ("sshd-config-test", string.Empty));

            Assert.DoesNotContain(Diagnoser.Diagnose(context), c => c.Confidence == CauseConfidence.Cleared);
            Assert.Contains(Diagnoser.Diagnose(context, includeCleared: true), c => c.Cause == RejectCause.SshdConfigInvalid && c.Confidence == CauseConfidence.Cleared && c.Summary.StartsWith("Ruled out: ", System.StringComparison.Ordinal));
        }

        [Fact]
        public void WithoutAProbeAFirewallVerdictIsOnlyLikelyAndSaysSo()
        {
            var rules = Fixture.Load("iptables/fw-iptables-chains.txt").Output;
            var context = Context(22, ("fw-iptables-save", "@@sst query iptables-save\n" + rules + "@@sst exit 0\n"));

            var reject = Diagnoser.Diagnose(context).First(c => c.Cause == RejectCause.FirewallReject || c.Cause == RejectCause.FirewallDrop);

            Assert.Equal(CauseConfidence.Likely, reject.Confidence);
            Assert.Contains(reject.Evidence, e => e.Excerpt.Contains("no probe ran"));
        }
    

        // Offline with no client address: the rules that reject or drop the port for some
        // sources (or a policy that drops it for all) are each listed as Possible, with the
        // sources they hit; a rule in a chain the host's input path never reaches (Docker's
        // DOCKER-USER) is not.
        [Theory]
        [InlineData("fw-iptables-chains", RejectCause.FirewallReject, "198.51.100.0/24")]
        [InlineData("fw-iptables-policy-drop", RejectCause.FirewallDrop, "every source")]
        [InlineData("fw-docker-style", null, null)]
        public void WithoutTheVisibleAddressEveryRuleThatBlocksSomeSourcesIsPossible(string fixture, RejectCause? cause, string? sources)
        {
            var rules = Fixture.Load($"iptables/{fixture}.txt").Output;
            var context = Context(22, null, ("fw-iptables-save", "@@sst query iptables-save\n" + rules + "@@sst exit 0\n"), ("fw-nft-json", Fixture.Load($"nft/{fixture}-json.txt").Output));

            var possible = Diagnoser.Diagnose(context).Where(c => c.Confidence == CauseConfidence.Possible && (c.Cause == RejectCause.FirewallReject || c.Cause == RejectCause.FirewallDrop)).ToList();

            if (cause == null)
            {
                Assert.Empty(possible);
                return;
            }

            var found = Assert.Single(possible);
            Assert.Equal(cause, found.Cause);
            Assert.Contains($"from {sources}:", found.Summary);
            Assert.Contains("is unknown", found.Summary);
        }

        [Theory]
        [InlineData("sshd92-too-many-keys.txt")]
        [InlineData("sshd10-too-many-keys.txt")]
        public void ManyKeysOfferedPastMaxAuthTriesAreConfirmedWithTheCount(string fixture)
        {
            var context = Login("alice", Log(fixture), ("sshd-effective-config", "port 22\nmaxauthtries 3\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.TooManyAuthFailures, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains("after 3 (MaxAuthTries) failed attempts for alice: the client offered 3 key(s)", first.Summary);
            Assert.Contains(first.Evidence, e => e.Excerpt == "maxauthtries 3");
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("authenticating user alice 198.51.100.10 port ") && e.Excerpt.EndsWith("Too many authentication failures [preauth]", System.StringComparison.Ordinal));
            Assert.StartsWith("ssh -o IdentitiesOnly=yes -i ", first.RemedyCommand);
        }

        [Theory]
        [InlineData("sshd92-empty-password.txt")]
        [InlineData("sshd10-empty-password.txt")]
        public void AnEmptyPasswordUnderPermitEmptyPasswordsNoIsConfirmedBySshdsNoneLine(string fixture)
        {
            var context = Login("bob", Log(fixture), Account("bob-empty-password"), ("sshd-effective-config", "port 22\npasswordauthentication yes\npermitemptypasswords no\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.EmptyPasswordRefused, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains(first.Evidence, e => e.Excerpt == "password field is empty");
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("Failed none for bob from 198.51.100.10"));
            Assert.Equal("passwd bob", first.RemedyCommand);
        }

        [Fact]
        public void AnEmptyPasswordIsNoCauseWhereEmptyPasswordsAreTaken()
        {
            var context = Login("bob", Account("bob-empty-password"), ("sshd-effective-config", "port 22\npermitemptypasswords yes\n"));

            Assert.DoesNotContain(Diagnoser.Diagnose(context), c => c.Cause == RejectCause.EmptyPasswordRefused);
        }

        [Fact]
        public void OpenSsh10SaysWhenLoginGraceTimeRanOut()
        {
            var context = Login("bob", Log("sshd10-grace-timeout.txt"), ("sshd-effective-config", "port 22\nlogingracetime 3\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.LoginGraceTimeExceeded, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.Contains("LoginGraceTime (3 s) ran out", first.Summary);
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("Timeout before authentication for connection from 198.51.100.10 to 198.51.100.20, pid = "));
        }

        [Fact]
        public void Debian92EndsTheLoginSilentlySoItsLoneConnectionLineIsLikely()
        {
            var context = Login("bob", Log("sshd92-grace-timeout.txt"), ("sshd-effective-config", "port 22\nlogingracetime 3\n"));

            var first = Diagnoser.Diagnose(context).First();

            Assert.Equal((RejectCause.LoginGraceTimeExceeded, CauseConfidence.Likely), (first.Cause, first.Confidence));
            Assert.Contains(first.Evidence, e => e.Excerpt.StartsWith("then nothing more from this connection: ", System.StringComparison.Ordinal) && e.Excerpt.Contains("Connection from 198.51.100.10 port "));
        }

        [Fact]
        public void AConnectionYoungerThanLoginGraceTimeIsNoTimeout()
        {
            var context = Login("bob", Log("sshd92-grace-timeout.txt"), ("sshd-effective-config", "port 22\nlogingracetime 3\n"));
            var log = context.Log;
            var connection = log.Last(e => e.Kind == SshLogEventKind.ConnectionFrom && Client.Equals(e.Address));
            var text = BundleText.Of(new[]
            {
                ("meta", BundleText.RootMeta.Replace("time=2026-11-21T10:00:00Z", "time=" + connection.Time!.Value.AddSeconds(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))),
                Log("sshd92-grace-timeout.txt"),
                ("sshd-effective-config", "port 22\nlogingracetime 3\n"),
            });
            var young = new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Parse(text, "test")), 22, Client, "bob", null, null);

            Assert.DoesNotContain(Diagnoser.Diagnose(young), c => c.Cause == RejectCause.LoginGraceTimeExceeded);
        }

        [Fact]
        public void AResolverThatNeverAnswersExplainsTheGraceTimeout()
        {
            // Find-SshRejectCause's collector for alice in the lab's dns-slow scenario (sshd 9.2).
            var text = File.ReadAllText(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "dns-slow-alice-root.txt"));
            var context = new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Parse(text, "dns-slow")), 22, Client, "alice", null, null);

            var causes = Diagnoser.Diagnose(context);

            Assert.Equal((RejectCause.LoginDelayDns, CauseConfidence.Confirmed), (causes[0].Cause, causes[0].Confidence));
            Assert.Contains("the server's resolver does not answer for 198.51.100.10 within 6 s", causes[0].Summary);
            Assert.Contains(causes[0].Evidence, e => e.Command == "getent hosts 198.51.100.10" && e.Excerpt == "no answer within 6 s");
            Assert.Contains(causes[0].Evidence, e => e.Excerpt == "usedns yes");
            Assert.StartsWith("sed -i -E 's/^[#[:space:]]*UseDNS[[:space:]].*/UseDNS no/I' /etc/ssh/sshd_config", causes[0].RemedyCommand);
            Assert.Equal((RejectCause.LoginGraceTimeExceeded, RejectCause.LoginDelayDns), (causes[1].Cause, causes[1].ExplainedBy!.Value));
        }

        [Theory]
        [InlineData("seconds=0 exit=2\n", 0, false, null)]
        [InlineData("198.51.100.10   client.example\nseconds=3 exit=0\n", 3, false, "client.example")]
        [InlineData("seconds=6 exit=124\n", 6, true, null)]
        public void TheTimedLookupIsRead(string output, int seconds, bool timedOut, string? name)
        {
            var lookup = ReverseLookup.Parse(output)!;

            Assert.Equal((seconds, timedOut, name), (lookup.Seconds, lookup.TimedOut, lookup.Name));
            Assert.Equal(timedOut || seconds >= ReverseLookup.SlowSeconds, lookup.Slow);
            Assert.Null(ReverseLookup.Parse("no lookup: usedns no, gssapiauthentication no\n"));
        }

        // -FromHost in the lab's host-key-changed scenario: the probes and the client's own side
        // (tests/lab/capture-probe-fixtures.sh client-side), beside the server's sections.
        private static DiagnosisContext FromClientSide(params (string Name, string Output)[] sections)
        {
            var window = RemoteProbeOrigin.Parse("client", "198.51.100.20", 22, Fixture.Load("probe/client-side.txt").Output);
            var text = BundleText.Of(new[] { ("meta", BundleText.RootMeta) }.Concat(sections));
            return new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Parse(text, "test")), 22, Client, "root", window, null);
        }

        private static (string, string) ServerHostKeys() => (ClientSections.HostKeys, Fixture.Load("probe/client-side-server-host-keys.txt").Output);

        [Fact]
        public void TheClientsOwnSideIsReadAfterTheProbes()
        {
            var window = RemoteProbeOrigin.Parse("client", "198.51.100.20", 22, Fixture.Load("probe/client-side.txt").Output);

            Assert.Equal(3, window.Probes.Count);
            Assert.All(window.Probes, p => Assert.Equal(SshPortStatus.Open, p.Status));
            var client = window.Client!;
            Assert.Equal(new[] { "ssh-rsa" }, client.Setting("hostkeyalgorithms"));
            Assert.Equal(new[] { "~/.ssh/id_one", "~/.ssh/id_two" }, client.Setting("identityfile"));
            Assert.Equal(new[] { "ECDSA", "ED25519" }, client.KnownHosts.Select(k => k.Type));
            Assert.All(client.KnownHosts, k => Assert.Equal(("/root/.ssh/known_hosts", "198.51.100.20"), (k.File, k.Host)));
            Assert.Null(RemoteProbeOrigin.Parse("client", "198.51.100.20", 22, Fixture.Load("probe/open.txt").Output).Client);
        }

        [Fact]
        public void KnownHostsThatHoldNoneOfTheServersKeysAreAChangedHostKey()
        {
            var causes = Diagnoser.Diagnose(FromClientSide(ServerHostKeys()));

            var changed = causes.Single(c => c.Cause == RejectCause.HostKeyChanged);
            Assert.Equal(CauseConfidence.Confirmed, changed.Confidence);
            Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", changed.Summary);
            Assert.Contains(changed.Evidence, e => e.Command.StartsWith("ssh-keygen -l -F 198.51.100.20 -f /root/.ssh/known_hosts", System.StringComparison.Ordinal));
            Assert.Contains(changed.Evidence, e => e.Excerpt.StartsWith("ED25519 SHA256:QaWhU", System.StringComparison.Ordinal));
            Assert.Equal("ssh-keygen -f /root/.ssh/known_hosts -R 198.51.100.20", changed.RemedyCommand);
        }

        [Fact]
        public void AKnownHostKeyTheServerHasIsNoChange()
        {
            var known = Fixture.Load("probe/client-side.txt").Output.Split('\n').First(l => l.StartsWith("198.51.100.20 ED25519 ", System.StringComparison.Ordinal)).Split(' ')[2];
            var context = FromClientSide((ClientSections.HostKeys, "256 " + known + " sst-lab-host (ED25519)\n"));

            var causes = Diagnoser.Diagnose(context, includeCleared: true);

            Assert.Contains(causes, c => c.Cause == RejectCause.HostKeyChanged && c.Confidence == CauseConfidence.Cleared);
        }

        [Fact]
        public void AListTheClientForcesIsAMismatchFromBothEnds()
        {
            var context = FromClientSide(ServerHostKeys(), ("sshd-effective-config", "port 22\nhostkeyalgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256\n"));

            var mismatch = Diagnoser.Diagnose(context).Single(c => c.Cause == RejectCause.AlgorithmMismatch);

            Assert.Equal(CauseConfidence.Confirmed, mismatch.Confidence);
            Assert.Contains("share no host key type: the client offered ssh-rsa, the server takes ssh-ed25519,", mismatch.Summary);
            Assert.Contains(mismatch.Evidence, e => e.Command == "ssh -G web01 (on client)" && e.Excerpt == "hostkeyalgorithms ssh-rsa");
        }

        [Fact]
        public void AnotherUsersFailuresAreNotTheClientsCause()
        {
            var context = Login("bob", Log("sshd92-too-many-keys.txt"));

            Assert.DoesNotContain(Diagnoser.Diagnose(context), c => c.Cause == RejectCause.TooManyAuthFailures);
        }
    }
}
