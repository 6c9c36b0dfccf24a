using System.Collections.Generic;
using SshTriage.Remote;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>ssh_config's algorithm lists as -SshOption takes them for the SSH.NET transport.</summary>
    public class AlgorithmListTests
    {
        private static readonly string[] Supported = { "mlkem768x25519-sha256", "curve25519-sha256", "ecdh-sha2-nistp256", "diffie-hellman-group14-sha256", "diffie-hellman-group14-sha1" };
        private static readonly string[] Defaults = { "mlkem768x25519-sha256", "curve25519-sha256", "ecdh-sha2-nistp256", "diffie-hellman-group14-sha256" };

        private static IReadOnlyList<string> Assemble(string spec)
        {
            Assert.True(AlgorithmList.TryAssemble("KexAlgorithms", spec, Defaults, Supported, out var offer, out var error), error);
            return offer;
        }

        [Fact]
        public void APlainListReplacesTheOfferInItsOwnOrder() =>
            Assert.Equal(new[] { "ecdh-sha2-nistp256", "curve25519-sha256" }, Assemble("ecdh-sha2-nistp256,curve25519-sha256"));

        [Fact]
        public void APlusAppendsWhatTheDefaultsLeftOut() =>
            Assert.Equal(new[] { "mlkem768x25519-sha256", "curve25519-sha256", "ecdh-sha2-nistp256", "diffie-hellman-group14-sha256", "diffie-hellman-group14-sha1" }, Assemble("+diffie-hellman-group14-sha1"));

        [Fact]
        public void ACaretPutsTheListFirstOnce() =>
            Assert.Equal(new[] { "curve25519-sha256", "mlkem768x25519-sha256", "ecdh-sha2-nistp256", "diffie-hellman-group14-sha256" }, Assemble("^curve25519-sha256"));

        [Fact]
        public void AMinusRemovesWithWildcards() =>
            Assert.Equal(new[] { "mlkem768x25519-sha256", "curve25519-sha256" }, Assemble("-ecdh-*,diffie-hellman-group1?-sha256"));

        [Theory]
        [InlineData("curve448-sha512", "does not support curve448-sha512")]
        [InlineData("+curve*", "does not support curve*")]
        [InlineData("-*", "leaves nothing to offer")]
        [InlineData("curve25519-sha256;reboot", "is not a list of algorithm names")]
        [InlineData("", "is not a list of algorithm names")]
        public void WhatCannotBeOfferedIsAnErrorThatSaysWhy(string spec, string reason)
        {
            Assert.False(AlgorithmList.TryAssemble("KexAlgorithms", spec, Defaults, Supported, out _, out var error));
            Assert.Contains(reason, error, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("KexAlgorithms", true)]
        [InlineData("macs", true)]
        [InlineData("PubkeyAcceptedAlgorithms", false)]
        public void OnlyTheFourListsAreAlgorithmOptions(string key, bool expected) => Assert.Equal(expected, AlgorithmList.IsOption(key));
    }
}
