using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SshTriage.Remote.HostKeys;
using Xunit;

namespace SshTriage.Tests.HostKeys
{
    /// <summary>Reading known_hosts as OpenSSH does, checked against ssh-keygen's own answers.</summary>
    public class KnownHostsParserTests
    {
        public static TheoryData<string> Lookups()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", KnownHostsFixtures.Folder), "lookup-*.txt").OrderBy(f => f, System.StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }

        [Fact]
        public void EveryLineOfEveryKindIsRead()
        {
            var entries = KnownHostsFixtures.Entries("known_hosts");

            Assert.Equal(Enumerable.Range(2, 11), entries.Select(e => e.LineNumber));
            Assert.Equal(2, entries.Count(e => e.Marker == KnownHostsMarker.CertAuthority));
            Assert.Single(entries, e => e.Marker == KnownHostsMarker.Revoked);
            Assert.Equal(new[] { "ssh-ed25519", "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa" }, entries.Take(4).Select(e => e.KeyType));
        }

        [Fact]
        public void HashingKeepsEveryLineAndKey()
        {
            var plain = KnownHostsFixtures.Entries("known_hosts");
            var hashed = KnownHostsFixtures.Entries("known_hosts-hashed");

            // A line for two names becomes two hashed lines (sst-server,198.51.100.21).
            Assert.Equal(plain.Count + 1, hashed.Count);
            Assert.Equal(plain.Select(e => System.Convert.ToBase64String(e.KeyBlob)).Distinct().OrderBy(k => k, System.StringComparer.Ordinal), hashed.Select(e => System.Convert.ToBase64String(e.KeyBlob)).Distinct().OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.Equal(7, hashed.Count(e => HostPattern.IsHashed(e.Hosts)));
        }

        [Fact]
        public void LinesSshSkipsAreSkipped()
        {
            Assert.Empty(KnownHostsFixtures.Entries("known_hosts-malformed"));
        }

        [Theory]
        [MemberData(nameof(Lookups))]
        public void TheLinesThatApplyToANameAreTheOnesSshKeygenFinds(string lookup)
        {
            var fixture = Fixture.Load($"{KnownHostsFixtures.Folder}/{lookup}");
            var name = Regex.Match(fixture.Header["command"], "-F '([^']+)'").Groups[1].Value;
            var expected = Regex.Matches(fixture.Output, @"found: line (\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

            var found = KnownHostsFixtures.Entries("known_hosts-hashed").Where(e => e.AppliesTo(name)).Select(e => e.LineNumber);

            Assert.Equal(expected, found);
        }

        [Theory]
        [InlineData("Web1.Example.NET", 22, "web1.example.net")]
        [InlineData("198.51.100.20", 2222, "[198.51.100.20]:2222")]
        [InlineData("2001:db8:100::20", 22, "2001:db8:100::20")]
        [InlineData("[2001:db8:100::20]", 2222, "[2001:db8:100::20]:2222")]
        public void TheLookupNameIsSshs(string host, int port, string expected)
        {
            Assert.Equal(expected, HostPattern.LookupName(host, port));
        }

        [Fact]
        public void FingerprintsAreSshKeygens()
        {
            var expected = Regex.Matches(Fixture.Load($"{KnownHostsFixtures.Folder}/fingerprints.txt").Output, @"(SHA256:\S+) (\S+)")
                .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

            Assert.Equal(3, expected.Count);
            foreach (var (key, fingerprint) in expected)
            {
                Assert.Equal(fingerprint, HostKeyFingerprint.Sha256(KnownHostsFixtures.Key(key)));
            }
        }

        [Theory]
        [InlineData("SHA256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA", true)]
        [InlineData("sha256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA=", true)]
        [InlineData("4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA", false)]
        [InlineData("MD5:97:70:33:82:fd:29:3a:73:39:af:6a:07:ad:f8:80:49", false)]
        [InlineData("SHA256:tooshort", false)]
        [InlineData("SHA256:not*base64", false)]
        public void APinnedFingerprintMustBeAWholeSha256(string text, bool valid)
        {
            Assert.Equal(valid, HostKeyFingerprint.TryNormalize(text, out var fingerprint, out var error));
            Assert.Equal(valid, error.Length == 0);
            if (valid)
            {
                Assert.Equal("SHA256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA", fingerprint);
            }
        }
    }
}
