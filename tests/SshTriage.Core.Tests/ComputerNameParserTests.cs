using System.Net;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    public class ComputerNameParserTests
    {
        [Theory]
        [InlineData("198.51.100.7", "198.51.100.7")]
        [InlineData("2001:db8::7", "2001:db8::7")]
        [InlineData("[2001:db8::7]", "2001:db8::7")]
        [InlineData(" 203.0.113.9 ", "203.0.113.9")]
        public void IPLiteralsAreProbedAsIs(string input, string expected)
        {
            Assert.True(ComputerNameParser.TryParse(input, out var address, out _));
            Assert.Equal(IPAddress.Parse(expected), address);
        }

        [Theory]
        [InlineData("web01")]
        [InlineData("web01.example.org")]
        [InlineData("web01.example.org.")]
        [InlineData("xn--bcher-kva.example")]
        [InlineData("localhost")]
        public void HostNamesAreResolvedLater(string input)
        {
            Assert.True(ComputerNameParser.TryParse(input, out var address, out var error), error);
            Assert.Null(address);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("300.1.2.3", "out of range")]
        [InlineData("010.0.0.1", "leading zero")]
        [InlineData("1.2.3", "neither")]
        [InlineData("1", "neither")]
        [InlineData("web01; rm -rf /", "letters, digits")]
        [InlineData("$(reboot)", "letters, digits")]
        [InlineData("web01`whoami`", "letters, digits")]
        [InlineData("-oProxyCommand=sh", "letters, digits")]
        [InlineData("web\n01", "\\x0A")]
        [InlineData("2001:db8::zz", "IPv6")]
        [InlineData("fe80::1%eth0;id", "zone index")]
        [InlineData("a..b", "letters, digits")]
        public void MalformedNamesAreRefusedWithAReason(string input, string reason)
        {
            Assert.False(ComputerNameParser.TryParse(input, out _, out var error));
            Assert.Contains(reason, error);
        }

        [Fact]
        public void OverlongNamesAreRefused()
        {
            var name = string.Join(".", System.Linq.Enumerable.Repeat(new string('a', 60), 5));
            Assert.False(ComputerNameParser.TryParse(name, out _, out var error));
            Assert.Contains("253", error);
        }
    }
}
