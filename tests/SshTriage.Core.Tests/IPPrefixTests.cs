using System.Net;
using SshTriage.Net;
using Xunit;

namespace SshTriage.Tests
{
    public class IPPrefixTests
    {
        [Theory]
        [InlineData("198.51.100.0/24", "198.51.100.7", true)]
        [InlineData("198.51.100.0/24", "198.51.101.7", false)]
        [InlineData("198.51.100.7", "198.51.100.7", true)]
        [InlineData("198.51.100.7", "198.51.100.8", false)]
        [InlineData("203.0.113.128/25", "203.0.113.200", true)]
        [InlineData("203.0.113.128/25", "203.0.113.100", false)]
        [InlineData("2001:db8::/32", "2001:db8:100::10", true)]
        [InlineData("2001:db8::/32", "2001:db9::1", false)]
        [InlineData("0.0.0.0/0", "203.0.113.1", true)]
        [InlineData("198.51.100.0/24", "::ffff:198.51.100.7", true)]
        [InlineData("198.51.100.0/24", "2001:db8::1", false)]
        public void ContainsByPrefix(string prefix, string address, bool expected)
        {
            Assert.Equal(expected, IPPrefix.Parse(prefix).Contains(IPAddress.Parse(address)));
        }

        [Theory]
        [InlineData("198.51.100.7/24", "198.51.100.0/24")]
        [InlineData("2001:db8::1/64", "2001:db8::/64")]
        [InlineData("198.51.100.7", "198.51.100.7")]
        [InlineData("198.51.100.7/32", "198.51.100.7")]
        public void HostBitsAreClearedAndSingleAddressesPrintBare(string input, string expected)
        {
            Assert.Equal(expected, IPPrefix.Parse(input).ToString());
        }

        [Theory]
        [InlineData("198.51.100.0/33")]
        [InlineData("2001:db8::/129")]
        [InlineData("198.51.100.0/-1")]
        [InlineData("198.51.100.0/24/1")]
        [InlineData("web01")]
        [InlineData("198.51.100.300")]
        [InlineData("1.2.3.4;reboot")]
        [InlineData("")]
        public void MalformedPrefixesAreRefused(string input)
        {
            Assert.False(IPPrefix.TryParse(input, out _));
        }

        [Fact]
        public void APrefixContainsNarrowerOnes()
        {
            Assert.True(IPPrefix.Parse("198.51.100.0/24").Contains(IPPrefix.Parse("198.51.100.128/25")));
            Assert.False(IPPrefix.Parse("198.51.100.128/25").Contains(IPPrefix.Parse("198.51.100.0/24")));
        }
    }
}
