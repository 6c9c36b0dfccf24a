using System.Linq;
using Renci.SshNet;
using SshTriage.SshNet;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>What the SSH.NET transport offers a server: nothing OpenSSH's client has dropped, known host key types first.</summary>
    public class SshNetAlgorithmTests
    {
        private static ConnectionInfo Offer() => new ConnectionInfo("198.51.100.20", "triage", new NoneAuthenticationMethod("triage"));

        [Fact]
        public void NothingOpenSshNoLongerOffersIsOffered()
        {
            var info = Offer();
            AlgorithmPolicy.Apply(info);

            Assert.DoesNotContain(info.KeyExchangeAlgorithms.Keys, k => k.EndsWith("-sha1", System.StringComparison.Ordinal));
            Assert.DoesNotContain(info.Encryptions.Keys, c => c.EndsWith("-cbc", System.StringComparison.Ordinal));
            Assert.DoesNotContain("ssh-rsa", info.HostKeyAlgorithms.Keys);
            Assert.Contains("sntrup761x25519-sha512@openssh.com", info.KeyExchangeAlgorithms.Keys);
            Assert.Contains("curve25519-sha256", info.KeyExchangeAlgorithms.Keys);
            Assert.Contains("rsa-sha2-512", info.HostKeyAlgorithms.Keys);
            Assert.Contains("chacha20-poly1305@openssh.com", info.Encryptions.Keys);
        }

        [Fact]
        public void TheKnownHostKeyTypesAreAskedForFirstAsSshDoes()
        {
            var info = Offer();
            var before = info.HostKeyAlgorithms.Keys.ToList();
            HostKeyAlgorithmOrder.Apply(info, new[] { "ssh-rsa", "ecdsa-sha2-nistp256" }, authority: false);
            var after = info.HostKeyAlgorithms.Keys.ToList();

            Assert.Equal(new[] { "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" }, after.Take(4));
            Assert.Equal(before.OrderBy(k => k, System.StringComparer.Ordinal), after.OrderBy(k => k, System.StringComparer.Ordinal));
        }

        [Fact]
        public void WithATrustedAuthorityCertificatesComeFirst()
        {
            var info = Offer();
            HostKeyAlgorithmOrder.Apply(info, new[] { "ssh-ed25519" }, authority: true);

            Assert.EndsWith("-cert-v01@openssh.com", info.HostKeyAlgorithms.Keys.First(), System.StringComparison.Ordinal);
            Assert.Equal("ssh-ed25519", info.HostKeyAlgorithms.Keys.First(k => !k.EndsWith("-cert-v01@openssh.com", System.StringComparison.Ordinal)));
        }
    }
}
