using System.Collections.Generic;
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

        [Fact]
        public void AlgorithmOptionsNarrowTheOfferAsSshConfigDoes()
        {
            var info = Offer();
            AlgorithmPolicy.Apply(info);
            var options = new[]
            {
                new KeyValuePair<string, string>("KexAlgorithms", "curve25519-sha256"),
                new KeyValuePair<string, string>("ciphers", "^aes256-gcm@openssh.com"),
                new KeyValuePair<string, string>("MACs", "-*-sha1*"),
                new KeyValuePair<string, string>("UserKnownHostsFile", "/tmp/known_hosts"),
            };

            var hostKeysGiven = AlgorithmOptions.Apply(info, options, "web01");

            Assert.False(hostKeysGiven);
            Assert.Equal(new[] { "curve25519-sha256" }, info.KeyExchangeAlgorithms.Keys);
            Assert.Equal("aes256-gcm@openssh.com", info.Encryptions.Keys.First());
            Assert.DoesNotContain(info.HmacAlgorithms.Keys, m => m.Contains("-sha1"));
            Assert.NotEmpty(info.HmacAlgorithms);
        }

        [Fact]
        public void AnExplicitOptInMayNameWhatThePolicyDropped()
        {
            var info = Offer();
            AlgorithmPolicy.Apply(info);

            var hostKeysGiven = AlgorithmOptions.Apply(info, new[] { new KeyValuePair<string, string>("HostKeyAlgorithms", "+ssh-rsa") }, "web01");

            Assert.True(hostKeysGiven);
            Assert.Equal("ssh-rsa", info.HostKeyAlgorithms.Keys.Last());
        }

        [Fact]
        public void ANameSshNetLacksIsAnInvalidTargetNamingWhatItSupports()
        {
            var info = Offer();

            var failure = Assert.Throws<SshTriage.Remote.RemoteShellException>(() => AlgorithmOptions.Apply(info, new[] { new KeyValuePair<string, string>("KexAlgorithms", "curve448-sha512") }, "web01"));

            Assert.Equal("InvalidRemoteTarget", failure.Error.ErrorId);
            Assert.Contains("curve25519-sha256", failure.Error.Exception.Message, System.StringComparison.Ordinal);
        }
    }
}
