using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// What only the SSH.NET transport does, against the lab: a password login from a credential,
    /// an unknown host refused with the fingerprint ssh-keygen shows, a pinned key instead of
    /// known_hosts, -Transport Auto without an ssh client, and a jump host's forwarded port.
    /// </summary>
    public class SshNetLabTests
    {
        private static List<string> Connection(LabInstance lab, string user, string keyVariable) =>
            ServerLab.Connection(lab, LabTransport.SshNet, user, keyVariable);

        // The fingerprint of the management sshd's ED25519 host key, as ssh-keygen prints it.
        private static string HostFingerprint(LabInstance lab)
        {
            var hostKey = ServerLab.ManagementHostKey(lab);
            var listing = ProcessRunner.Run("ssh-keygen", TimeSpan.FromSeconds(10), "-lf", hostKey + ".pub").StandardOutput;
            return Regex.Match(listing, @"SHA256:\S+").Value;
        }

        private static void WithoutKnownHosts(LabInstance lab, List<string> connection) =>
            connection[connection.IndexOf("UserKnownHostsFile=" + lab["KNOWN_HOSTS"])] = "UserKnownHostsFile=/dev/null";

        [LabFact]
        public void ARunbookLogsInWithThePasswordOfItsCredential()
        {
            using var lab = LabInstance.Up("open");
            var connection = Connection(lab, "triage", "USER_TRIAGE_KEY");
            connection.RemoveRange(connection.IndexOf("--key"), 2);
            connection.AddRange(new[] { "--password-env", "SST_PASSWORD", "--sudo" });

            var output = ServerLab.RunWithEnvironment(lab, "listener", connection, new[] { "SST_PASSWORD=" + lab["USER_TRIAGE_PASSWORD"] });

            Assert.Empty(output.Errors);
            Assert.Contains(output.Objects, o => o.Object.GetProperty("Process").GetString() == "sshd-mgmt");
            Assert.Contains(File.ReadAllLines(lab["AUTH_LOG"]), l => l.Contains("Accepted password for triage", StringComparison.Ordinal));
        }

        [LabFact]
        public void AWrongPasswordIsAnAuthenticationFailure()
        {
            using var lab = LabInstance.Up("open");
            var connection = Connection(lab, "triage", "USER_TRIAGE_KEY");
            connection.RemoveRange(connection.IndexOf("--key"), 2);
            connection.AddRange(new[] { "--password-env", "SST_PASSWORD" });

            var output = ServerLab.RunWithEnvironment(lab, "listener", connection, new[] { "SST_PASSWORD=sst-not-the-password" });

            Assert.Equal(new[] { "SshAuthenticationFailed" }, output.ErrorIds);
            Assert.DoesNotContain("sst-not-the-password", output.Describe(), StringComparison.Ordinal);
        }

        [LabFact]
        public void AnUnknownHostIsRefusedWithTheFingerprintSshKeygenShows()
        {
            using var lab = LabInstance.Up("open");
            var connection = Connection(lab, "root", "CLIENT_KEY");
            WithoutKnownHosts(lab, connection);

            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Equal(new[] { "SshHostKeyVerificationFailed" }, output.ErrorIds);
            Assert.Contains(HostFingerprint(lab), output.Errors.Single().GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Contains("-HostKeyFingerprint " + HostFingerprint(lab), output.Errors.Single().GetProperty("RecommendedAction").GetString(), StringComparison.Ordinal);
            Assert.Empty(output.Objects);
        }

        [LabFact]
        public void APinnedKeyNeedsNoKnownHostsAndAnotherKeyIsRefused()
        {
            using var lab = LabInstance.Up("open");
            var pinned = Connection(lab, "root", "CLIENT_KEY");
            WithoutKnownHosts(lab, pinned);
            var wrong = new List<string>(pinned);
            pinned.AddRange(new[] { "--fingerprint", HostFingerprint(lab) });
            wrong.AddRange(new[] { "--fingerprint", "SHA256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA" });

            var accepted = ServerLab.Run(lab, "listener", pinned);
            var refused = ServerLab.Run(lab, "listener", wrong);

            Assert.Empty(accepted.Errors);
            Assert.NotEmpty(accepted.Objects);
            Assert.Equal(new[] { "SshHostKeyVerificationFailed" }, refused.ErrorIds);
        }

        [LabFact]
        public void AutoTakesSshNetWhereThereIsNoSshClient()
        {
            using var lab = LabInstance.Up("open");
            var connection = ServerLab.Connection(lab, "Auto", "root", "CLIENT_KEY");
            var arguments = new[] { "server", "listener" }.Concat(connection).Append(lab["SERVER_ADDR"]).ToArray();

            var output = LabRunner.Run(lab, "client", ServerLab.Timeout, new[] { "PATH=/nonexistent" }, arguments);

            Assert.Empty(output.Errors);
            Assert.NotEmpty(output.Objects);
        }

        [LabFact]
        public void AJumpHostForwardsTheConnectionAndBothKeysAreChecked()
        {
            using var lab = LabInstance.Up("upstream-filter");
            var connection = Connection(lab, "root", "CLIENT_KEY");
            connection.AddRange(new[] { "--jump", $"{lab["GATEWAY_MGMT_USER"]}@{lab["GATEWAY_MGMT_ADDR"]}:{lab["GATEWAY_MGMT_PORT"]}" });

            var output = ServerLab.Run(lab, "listener", connection);

            Assert.Empty(output.Errors);
            Assert.NotEmpty(output.Objects);
            Assert.Contains(File.ReadAllLines(lab["GATEWAY_MGMT_AUTH_LOG"]), l => l.Contains("Accepted publickey for root", StringComparison.Ordinal));
            Assert.Contains(File.ReadAllLines(lab["AUTH_LOG"]), l => l.Contains("Accepted publickey for root from " + lab["GATEWAY_ADDR"], StringComparison.Ordinal));
        }
    }
}
