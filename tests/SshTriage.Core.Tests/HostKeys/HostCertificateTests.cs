using System;
using Renci.SshNet;
using SshTriage.Remote.HostKeys;
using SshTriage.SshNet;
using Xunit;

namespace SshTriage.Tests.HostKeys
{
    /// <summary>
    /// Host certificates from ssh-keygen -s, trusted through @cert-authority lines as OpenSSH
    /// trusts them: signed by the listed authority, for this host, valid now, a host certificate.
    /// The signature is checked with SSH.NET's algorithms, as the transport checks it.
    /// </summary>
    public class HostCertificateTests
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
        private static readonly ConnectionInfo Algorithms = new ConnectionInfo("198.51.100.30", "triage", new NoneAuthenticationMethod("triage"));

        private static HostKeyVerdict Check(string host, string certificate, Func<SshCertificate, bool>? signed = null) =>
            KnownHostsFixtures.Verifier().Verify(host, 22, KnownHostsFixtures.Key(certificate), signed ?? Signed, Now);

        private static bool Signed(SshCertificate certificate) => AuthoritySignature.Verifies(Algorithms.HostKeyAlgorithms, certificate);

        [Fact]
        public void ACertificateIsReadAsSshKeygenReadsIt()
        {
            var listing = Fixture.Load($"{KnownHostsFixtures.Folder}/host-cert.L.txt").Output;
            var certificate = SshCertificate.Parse(KnownHostsFixtures.Key("host-cert"));

            Assert.True(certificate.IsHostCertificate);
            Assert.Equal(new[] { "web.example.org", "198.51.100.30" }, certificate.Principals);
            Assert.Equal("host", certificate.KeyId);
            Assert.Contains("ED25519-CERT " + HostKeyFingerprint.Sha256(certificate.KeyBlob), listing, StringComparison.Ordinal);
            Assert.Equal(KnownHostsFixtures.Key("cert_host_ed25519"), certificate.KeyBlob);
            Assert.Equal(KnownHostsFixtures.Key("ca_ed25519"), certificate.AuthorityKey);
            Assert.Contains("Signing CA: ED25519 " + HostKeyFingerprint.Sha256(certificate.AuthorityKey), listing, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("web.example.org", "host-cert")]
        [InlineData("198.51.100.30", "host-cert")]
        [InlineData("web.example.org", "host-rsa-ca-cert")]
        [InlineData("any.example.org", "any-host-cert")]
        public void ACertificateFromAListedAuthorityForThisHostIsAccepted(string host, string certificate)
        {
            Assert.Equal(HostKeyStatus.Trusted, Check(host, certificate).Status);
        }

        [Theory]
        [InlineData("other.example.org", "host-cert", "is for web.example.org, 198.51.100.30")]
        [InlineData("web.example.org", "expired-cert", "not valid now")]
        [InlineData("web.example.org", "user-cert", "user certificate")]
        public void ACertificateThatDoesNotHoldIsRefused(string host, string certificate, string why)
        {
            var verdict = Check(host, certificate);

            Assert.Equal(HostKeyStatus.CertificateInvalid, verdict.Status);
            Assert.Contains(why, verdict.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TheTransportSeesTheCertificateAsItCame()
        {
            var blob = KnownHostsFixtures.Key("host-cert");

            Assert.Equal(blob, OfferedHostKey.Encoding(new Renci.SshNet.Security.Certificate(blob)));
        }

        [Fact]
        public void ATamperedCertificateFailsItsSignature()
        {
            var blob = KnownHostsFixtures.Key("host-cert");
            var text = System.Text.Encoding.ASCII.GetString(blob);
            var at = text.IndexOf("web.example.org", StringComparison.Ordinal);
            blob[at] = (byte)'x';

            var verdict = KnownHostsFixtures.Verifier().Verify("xeb.example.org", 22, blob, Signed, Now);

            Assert.Equal(HostKeyStatus.CertificateInvalid, verdict.Status);
            Assert.Contains("signature", verdict.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ACertificateFromAnUnlistedAuthorityFallsBackToItsPlainKey()
        {
            var verdict = Check("web.example.org", "rogue-cert", _ => throw new InvalidOperationException("an unlisted authority is never asked"));

            Assert.Equal(HostKeyStatus.Unknown, verdict.Status);
            Assert.Equal(HostKeyFingerprint.Sha256(KnownHostsFixtures.Key("cert_host_ed25519")), verdict.Fingerprint);
        }

        [Fact]
        public void ASha1AuthoritySignatureIsRefusedAsOpenSshRefusesIt()
        {
            var listing = Fixture.Load($"{KnownHostsFixtures.Folder}/host-sha1-ca-cert.L.txt").Output;
            var verdict = Check("web.example.org", "host-sha1-ca-cert");

            Assert.Contains("(using ssh-rsa)", listing, StringComparison.Ordinal);
            Assert.Equal(HostKeyStatus.CertificateInvalid, verdict.Status);
            Assert.Contains("signature", verdict.Message, StringComparison.Ordinal);
        }
    }
}
