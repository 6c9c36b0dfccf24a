using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Test-SshLogin's Core against the lab's real sshd (OpenSSH 9.2), from the lab's client: a key
    /// login that reaches Session, a wrong key, a password against a keys-only server, an algorithm
    /// mismatch, an unknown and a changed host key, and a closed port. Each names the failing stage
    /// and its reason, and sshd's own log agrees.
    /// </summary>
    public class TestSshLoginLabTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        // Runs the runner's login command against the lab server's IPv4 address; the one result, and the errors.
        private static (JsonElement Result, LabRunOutput Output) Login(LabInstance lab, string user, string[] extra, string[]? environment = null, string addressKey = "SERVER_ADDR")
        {
            var arguments = new List<string> { "login", "--user", user, "--timeout", "10" };
            if (!extra.Contains("--known-hosts"))
            {
                arguments.AddRange(new[] { "--known-hosts", lab["KNOWN_HOSTS"] });
            }

            arguments.AddRange(extra);
            arguments.Add(lab[addressKey]);
            var output = LabRunner.Run(lab, "client", Timeout, environment ?? Array.Empty<string>(), arguments.ToArray());
            Assert.True(output.Errors.Count == 0, output.Describe());
            return (output.Objects.Single(o => o.Type == "SshTriage.SshLoginResult").Object, output);
        }

        private static string Text(JsonElement result, string property) =>
            result.GetProperty(property).ValueKind == JsonValueKind.Null ? string.Empty : result.GetProperty(property).ToString();

        // ssh-keygen -lf's fingerprint of a public key file, as "TYPE SHA256:...".
        private static string Fingerprint(string publicKey)
        {
            var listing = ProcessRunner.Run("ssh-keygen", TimeSpan.FromSeconds(10), "-lf", publicKey).StandardOutput;
            var match = Regex.Match(listing, @"(SHA256:\S+) .*\((\w+)\)");
            return match.Groups[2].Value + " " + match.Groups[1].Value;
        }

        private static string ServerHostKey(LabInstance lab) =>
            Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(lab["AUTHORIZED_KEYS_DIR"]))!, "server", "keys", "ssh_host_ed25519_key.pub");

        [LabFact]
        public void AnAuthorizedKeyReachesSessionOverBothFamiliesAndEveryStageIsTimed()
        {
            using var lab = LabInstance.Up("open");
            var (result, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"] });

            Assert.Equal("Session", Text(result, "StageReached"));
            Assert.Equal(string.Empty, Text(result, "FailedStage"));
            Assert.True(result.GetProperty("Succeeded").GetBoolean());
            Assert.Equal("Known", Text(result, "HostKeyStatus"));
            Assert.Equal(Fingerprint(ServerHostKey(lab)), Text(result, "HostKeyType") + " " + Text(result, "HostKeyFingerprint"));
            Assert.StartsWith("SSH-2.0-OpenSSH_9.2", Text(result, "ServerVersion"), StringComparison.Ordinal);
            Assert.Contains("curve25519-sha256", ServerLab.Strings(result, "ServerKexAlgorithms"));
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, ServerLab.Strings(result, "ServerHostKeyAlgorithms"));
            Assert.Contains(result.GetProperty("Algorithms").EnumerateArray(), a => a.GetProperty("Purpose").GetString() == "HostKey" && a.GetProperty("Agreed").GetString() == "ssh-ed25519");
            foreach (var time in new[] { "ConnectTime", "BannerTime", "KeyExchangeTime", "HostKeyTime", "AuthenticationTime", "SessionTime" })
            {
                Assert.True(TimeSpan.Parse(Text(result, time), System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero, time);
            }

            var attempt = Assert.Single(result.GetProperty("AuthenticationAttempts").EnumerateArray());
            Assert.Equal("Success", attempt.GetProperty("Result").GetString());
            Assert.Contains(File.ReadAllLines(lab["AUTH_LOG"]), l => l.Contains("Accepted publickey for alice", StringComparison.Ordinal));

            var (overIPv6, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"] }, addressKey: "SERVER_ADDR6");
            Assert.Equal("Session", Text(overIPv6, "StageReached"));
            Assert.Equal(lab["SERVER_ADDR6"], Text(overIPv6, "RemoteAddress"));
        }

        [LabFact]
        public void AWrongKeyFailsAtAuthenticationWithTheKeyOfferedAndTheMethodsAllowed()
        {
            using var lab = LabInstance.Up("key-not-authorized");
            var (result, _) = Login(lab, "alice", new[] { "--key", lab["WRONG_KEY"] });

            Assert.Equal("HostKey", Text(result, "StageReached"));
            Assert.Equal("Authentication", Text(result, "FailedStage"));
            Assert.Contains("publickey", ServerLab.Strings(result, "AllowedMethods"));
            var wrongKey = Fingerprint(lab["CLIENT_PUBLIC_KEY"]);
            Assert.Equal(new[] { wrongKey }, ServerLab.Strings(result, "OfferedKeys"));
            var attempt = Assert.Single(result.GetProperty("AuthenticationAttempts").EnumerateArray());
            Assert.Equal("publickey", attempt.GetProperty("Method").GetString());
            Assert.Equal("Failure", attempt.GetProperty("Result").GetString());
            Assert.Equal(new[] { wrongKey }, ServerLab.Strings(attempt, "Keys"));
            Assert.Contains(wrongKey, Text(result, "Reason"), StringComparison.Ordinal);
        }

        [LabFact]
        public void APasswordAgainstAKeysOnlyServerIsNeverSent()
        {
            using var lab = LabInstance.Up("password-disabled");
            var (result, _) = Login(lab, "bob", new[] { "--password-env", "SST_PASSWORD" }, new[] { "SST_PASSWORD=" + lab["USER_BOB_PASSWORD"] });

            Assert.Equal("Authentication", Text(result, "FailedStage"));
            Assert.Equal(new[] { "publickey" }, ServerLab.Strings(result, "AllowedMethods"));
            Assert.Equal(new[] { "password", "keyboard-interactive" }, ServerLab.Strings(result, "OfferedMethods"));
            Assert.Empty(result.GetProperty("AuthenticationAttempts").EnumerateArray());
            Assert.Contains("allows only publickey for bob", Text(result, "Reason"), StringComparison.Ordinal);
            Assert.DoesNotContain(lab["USER_BOB_PASSWORD"], result.ToString(), StringComparison.Ordinal);
        }

        [LabFact]
        public void AHostKeyTypeMismatchNamesTheListAndBothOffers()
        {
            using var lab = LabInstance.Up("algorithm-mismatch");
            // As the scenario's client: only RSA host keys (ssh-rsa itself SSH.NET no longer offers), against a server with Ed25519 and ECDSA keys.
            var (result, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"], "--host-key-algorithms", "rsa-sha2-512,rsa-sha2-256" });

            Assert.Equal("Banner", Text(result, "StageReached"));
            Assert.Equal("KeyExchange", Text(result, "FailedStage"));
            var mismatch = result.GetProperty("Mismatch");
            Assert.Equal("HostKey", mismatch.GetProperty("Purpose").GetString());
            Assert.Equal(new[] { "rsa-sha2-512", "rsa-sha2-256" }, ServerLab.Strings(mismatch, "ClientOffer"));
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, ServerLab.Strings(mismatch, "ServerOffer"));
            Assert.Contains("share no host key algorithm", Text(result, "Reason"), StringComparison.Ordinal);
            Assert.Equal(string.Empty, Text(result, "HostKeyStatus"));
        }

        [LabFact]
        public void UnknownAndChangedHostKeysStopAtHostKeyAndNothingLogsIn()
        {
            using var lab = LabInstance.Up("open");
            var empty = Path.Combine(Path.GetDirectoryName(lab["KNOWN_HOSTS"])!, "sst-empty-known-hosts");
            File.WriteAllText(empty, string.Empty);
            var serverKey = Fingerprint(ServerHostKey(lab));

            var (unknown, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"], "--known-hosts", empty });
            var (changed, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"], "--known-hosts", lab["WRONG_KNOWN_HOSTS"] });

            foreach (var (result, status) in new[] { (unknown, "Unknown"), (changed, "Changed") })
            {
                Assert.Equal("KeyExchange", Text(result, "StageReached"));
                Assert.Equal("HostKey", Text(result, "FailedStage"));
                Assert.Equal(status, Text(result, "HostKeyStatus"));
                Assert.Equal(serverKey, Text(result, "HostKeyType") + " " + Text(result, "HostKeyFingerprint"));
                Assert.Empty(result.GetProperty("AuthenticationAttempts").EnumerateArray());
            }

            Assert.Empty(File.ReadAllText(empty));
            Assert.DoesNotContain(File.ReadAllLines(lab["AUTH_LOG"]), l => l.Contains("for alice", StringComparison.Ordinal));
        }

        [LabFact]
        public void AClosedPortFailsAtConnectWithTheTestSshPortStatus()
        {
            using var lab = LabInstance.Up("refused");
            var (result, _) = Login(lab, "alice", new[] { "--key", lab["USER_ALICE_KEY"], "--port", lab["PORT"] });

            Assert.Equal(string.Empty, Text(result, "StageReached"));
            Assert.Equal("Connect", Text(result, "FailedStage"));
            Assert.Equal("Refused", Text(result, "PortStatus"));
            Assert.Empty(ServerLab.Strings(result, "OfferedMethods"));
        }
    }
}
