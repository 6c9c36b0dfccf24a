using System;
using System.Text.RegularExpressions;
using SshTriage.Remote.HostKeys;
using Xunit;

namespace SshTriage.Tests.HostKeys
{
    /// <summary>
    /// What the SSH.NET transport accepts, decided on known_hosts files and keys from the real
    /// ssh-keygen: never a key OpenSSH with StrictHostKeyChecking would refuse.
    /// </summary>
    public class HostKeyVerifierTests
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

        private static HostKeyVerdict Check(string host, int port, string key, params string[] pins) =>
            KnownHostsFixtures.Verifier(pins).Verify(host, port, KnownHostsFixtures.Key(key), _ => throw new InvalidOperationException("not a certificate"), Now);

        [Fact]
        public void AHashedEntryIsAccepted()
        {
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.20", 22, "host_ed25519").Status);
        }

        [Fact]
        public void AChangedKeyIsRefusedWithBothSides()
        {
            var verdict = Check("198.51.100.20", 22, "other_ed25519");

            Assert.Equal(HostKeyStatus.Changed, verdict.Status);
            Assert.Contains(HostKeyFingerprint.Sha256(KnownHostsFixtures.Key("other_ed25519")), verdict.Message, StringComparison.Ordinal);
            Assert.Contains("known_hosts-hashed:2", verdict.Message, StringComparison.Ordinal);
            Assert.Equal("SshHostKeyVerificationFailed", verdict.ToError("198.51.100.20").ErrorId);
        }

        [Fact]
        public void AnUnknownHostIsRefusedWithItsFingerprintAndHowToTrustIt()
        {
            var verdict = Check("198.51.100.99", 2222, "host_ed25519");
            var fingerprint = HostKeyFingerprint.Sha256(KnownHostsFixtures.Key("host_ed25519"));

            Assert.Equal(HostKeyStatus.Unknown, verdict.Status);
            Assert.Contains(fingerprint, verdict.Message, StringComparison.Ordinal);
            Assert.Contains("-HostKeyFingerprint " + fingerprint, verdict.Advice, StringComparison.Ordinal);
            Assert.Contains("ssh-keyscan -t ed25519 -p 2222 198.51.100.99", verdict.Advice, StringComparison.Ordinal);
            Assert.Equal("SshHostKeyVerificationFailed", verdict.ToError("198.51.100.99").ErrorId);
        }

        [Fact]
        public void AHostPortEntryIsHonoured()
        {
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.20", 2222, "other_ed25519").Status);
            Assert.Equal(HostKeyStatus.Changed, Check("198.51.100.20", 2222, "host_ed25519").Status);
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.25", 2200, "host_ecdsa").Status);
            Assert.Equal(HostKeyStatus.Unknown, Check("198.51.100.25", 22, "host_ecdsa").Status);
        }

        [Fact]
        public void EveryKeyListedForAHostIsAccepted()
        {
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.22", 22, "host_rsa").Status);
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.22", 22, "host_ed25519").Status);
        }

        [Fact]
        public void AKeyOfATypeNotKnownForTheHostIsRefusedNamingTheKnownOnes()
        {
            var verdict = Check("sst-server", 22, "host_ed25519");

            Assert.Equal(HostKeyStatus.Unknown, verdict.Status);
            Assert.Contains("ECDSA keys are known", verdict.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { "ecdsa-sha2-nistp256" }, KnownHostsFixtures.Verifier().KnownKeyTypes("sst-server", 22));
        }

        [Fact]
        public void ARevokedKeyIsRefusedEvenWhereItIsListedOrPinned()
        {
            var pinned = HostKeyFingerprint.Sha256(KnownHostsFixtures.Key("revoked_ed25519"));

            Assert.Equal(HostKeyStatus.Revoked, Check("198.51.100.23", 22, "revoked_ed25519").Status);
            Assert.Equal(HostKeyStatus.Revoked, Check("198.51.100.99", 22, "revoked_ed25519", pinned).Status);
            Assert.Contains("@revoked", Check("198.51.100.23", 22, "revoked_ed25519").Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ANegatedPatternExcludesTheHost()
        {
            Assert.Equal(HostKeyStatus.Trusted, Check("web1.example.net", 22, "host_ed25519").Status);
            Assert.Equal(HostKeyStatus.Unknown, Check("web-bad.example.net", 22, "host_ed25519").Status);
        }

        [Fact]
        public void APinnedFingerprintIsTheOnlyKeyAccepted()
        {
            var pin = HostKeyFingerprint.Sha256(KnownHostsFixtures.Key("other_ed25519"));

            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.99", 22, "other_ed25519", pin).Status);
            Assert.Equal(HostKeyStatus.Trusted, Check("198.51.100.20", 22, "other_ed25519", pin).Status);
            var refused = Check("198.51.100.20", 22, "host_ed25519", pin);
            Assert.Equal(HostKeyStatus.NotPinned, refused.Status);
            Assert.Contains(pin, refused.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void KnownKeyTypesAndAuthoritiesFollowTheHostsLines()
        {
            var verifier = KnownHostsFixtures.Verifier();

            Assert.Equal(new[] { "ssh-rsa", "ssh-ed25519" }, verifier.KnownKeyTypes("198.51.100.22", 22));
            Assert.True(verifier.HasAuthority("web.example.org", 22));
            Assert.False(verifier.HasAuthority("198.51.100.20", 22));
        }

        [Fact]
        public void UnreadableAndMissingFilesAreSkippedButNamed()
        {
            var files = new[] { "/nonexistent/known_hosts" };
            var verifier = new HostKeyVerifier(KnownHostsFiles.Load(files), files, Array.Empty<string>());

            var verdict = verifier.Verify("198.51.100.20", 22, KnownHostsFixtures.Key("host_ed25519"), _ => false, Now);

            Assert.Equal(HostKeyStatus.Unknown, verdict.Status);
            Assert.Matches(new Regex("Searched: /nonexistent/known_hosts"), verdict.Message);
        }

        [Fact]
        public void TheOptionsNameTheFilesAsSshReadsThem()
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var options = new[]
            {
                new System.Collections.Generic.KeyValuePair<string, string>("UserKnownHostsFile", "~/.ssh/a /tmp/b"),
                new System.Collections.Generic.KeyValuePair<string, string>("globalknownhostsfile", "none"),
            };

            Assert.Equal(new[] { System.IO.Path.Combine(home, ".ssh/a"), "/tmp/b" }, KnownHostsFiles.For(options));
            Assert.Equal(4, KnownHostsFiles.For(Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>()).Count);
        }
    }
}
