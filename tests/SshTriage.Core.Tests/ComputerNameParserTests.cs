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

        // .NET's own parser reads "[::1]:2222" as ::1 and drops the port.
        [Theory]
        [InlineData("[2001:db8::7]:2222")]
        [InlineData("[::1]:22")]
        [InlineData("web01:2222")]
        [InlineData("198.51.100.7:22")]
        public void ANameWithAPortIsRefusedNotShortened(string input)
        {
            Assert.False(ComputerNameParser.TryParse(input, out _, out var error));
            Assert.Contains("carries a port", error);
        }

        [Theory]
        [InlineData("[::1]:2222", "::1", 2222)]
        [InlineData("[2001:db8::7]:22", "2001:db8::7", 22)]
        [InlineData("web01:2222", "web01", 2222)]
        [InlineData(" 198.51.100.7:65535 ", "198.51.100.7", 65535)]
        [InlineData("2001:db8::7", "2001:db8::7", null)]
        [InlineData("[2001:db8::7]", "[2001:db8::7]", null)]
        [InlineData("web01", "web01", null)]
        public void APortIsSplitOffTheName(string input, string name, int? port)
        {
            Assert.True(ComputerNameParser.TrySplitPort(input, out var split, out var splitPort, out var error), error);
            Assert.Equal((name, port), (split, splitPort));
        }

        [Theory]
        [InlineData("web01:")]
        [InlineData("web01:0")]
        [InlineData("web01:65536")]
        [InlineData("web01:99999999999")]
        [InlineData("web01:\u0662\u0662")]
        [InlineData("web01:+22")]
        [InlineData("[::1]:ssh")]
        public void APortThatIsNoneIsRefused(string input)
        {
            Assert.False(ComputerNameParser.TrySplitPort(input, out _, out _, out var error));
            Assert.Contains("not a TCP port", error);
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
