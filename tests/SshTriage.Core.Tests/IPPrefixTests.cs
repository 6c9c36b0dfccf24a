using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using SshTriage.Net;
using SshTriage.Text;
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

        // The forms iptables-save, nft and ipset print, read by the fast parser: what it returns
        // must be what the general parser (the only one before) returned for the same text.
        [Theory]
        [InlineData("198.51.100.7", "198.51.100.7", 32)]
        [InlineData("198.51.100.0/24", "198.51.100.0", 24)]
        [InlineData("0.0.0.0/0", "0.0.0.0", 0)]
        [InlineData("0.0.0.0", "0.0.0.0", 32)]
        [InlineData("255.255.255.255/32", "255.255.255.255", 32)]
        [InlineData("203.0.113.0/25", "203.0.113.0", 25)]
        [InlineData("198.51.100.0/024", "198.51.100.0", 24)]
        public void IPv4PrefixesAreReadWithTheirLength(string text, string network, int length)
        {
            Assert.True(IPPrefix.TryParse(text, out var prefix));
            Assert.Equal(AddressFamily.InterNetwork, prefix.Family);
            Assert.Equal(IPAddress.Parse(network), prefix.Network);
            Assert.Equal(length, prefix.Length);
        }

        [Theory]
        [InlineData("::", "::", 128)]
        [InlineData("::/0", "::", 0)]
        [InlineData("::1", "::1", 128)]
        [InlineData("::1/128", "::1", 128)]
        [InlineData("2001:db8::/32", "2001:db8::", 32)]
        [InlineData("2001:db8:100::10/128", "2001:db8:100::10", 128)]
        [InlineData("2001:db8::8:800:200c:417a", "2001:db8:0:0:8:800:200c:417a", 128)]
        [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", 128)]
        [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", 128)]
        [InlineData("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8", 128)]
        [InlineData("fe80::/10", "fe80::", 10)]
        [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1", 128)]
        [InlineData("2001:DB8::ABCD/64", "2001:db8::", 64)]
        [InlineData("FE80::1", "fe80::1", 128)]
        [InlineData("::102:304", "::1.2.3.4", 128)]
        public void IPv6PrefixesAreReadCompressedOrNot(string text, string network, int length)
        {
            Assert.True(IPPrefix.TryParse(text, out var prefix));
            Assert.Equal(AddressFamily.InterNetworkV6, prefix.Family);
            Assert.Equal(IPAddress.Parse(network), prefix.Network);
            Assert.Equal(length, prefix.Length);
        }

        [Fact]
        public void HexDigitsAreReadInEitherCase()
        {
            Assert.Equal(IPPrefix.Parse("2001:db8:abcd:ef01::/64"), IPPrefix.Parse("2001:DB8:ABCD:EF01::/64"));
            Assert.Equal(IPPrefix.Parse("2001:db8:abcd:ef01::/64").GetHashCode(), IPPrefix.Parse("2001:DB8:aBcD:Ef01::/64").GetHashCode());
        }

        // Leading zeros in an IPv4 octet are read as octal by some tools and as decimal by
        // others: refused, before and after the fast parser. In an IPv6 group they are plain hex.
        [Theory]
        [InlineData("0198.51.100.1")]
        [InlineData("1.2.3.04")]
        [InlineData("00.0.0.0")]
        [InlineData("198.051.100.7/24")]
        public void IPv4OctetsWithLeadingZerosAreRefused(string text)
        {
            Assert.False(IPPrefix.TryParse(text, out _));
        }

        [Fact]
        public void IPv6GroupsMayHaveLeadingZerosButNoMoreThanFourDigits()
        {
            Assert.Equal(IPPrefix.Parse("2001:db8::1"), IPPrefix.Parse("2001:0db8:0:0::0001"));
            Assert.False(IPPrefix.TryParse("2001:00db8::1", out _));
        }

        [Theory]
        [InlineData("::ffff:198.51.100.7", "198.51.100.7", 32)]
        [InlineData("::FFFF:198.51.100.7", "198.51.100.7", 32)]
        [InlineData("::ffff:c633:6407", "198.51.100.7", 32)]
        [InlineData("[::ffff:198.51.100.7]", "198.51.100.7", 32)]
        [InlineData("::ffff:198.51.100.7/24", "198.51.100.0", 24)]
        public void IPv4MappedIPv6IsReadAsIPv4WithIPv4Lengths(string text, string network, int length)
        {
            Assert.True(IPPrefix.TryParse(text, out var prefix));
            Assert.Equal(AddressFamily.InterNetwork, prefix.Family);
            Assert.Equal(IPAddress.Parse(network), prefix.Network);
            Assert.Equal(length, prefix.Length);
            Assert.Equal(IPPrefix.Parse(network + "/" + length), prefix);
        }

        [Theory]
        [InlineData("::ffff:198.51.100.7/128")]
        [InlineData("::ffff:0:0/96")]
        [InlineData("::ffff:198.51.100.7/33")]
        public void AMappedAddressTakesNoLengthBeyondIPv4s(string text)
        {
            Assert.False(IPPrefix.TryParse(text, out _));
        }

        [Theory]
        [InlineData("fe80::1%eth0", "fe80::1", 128)]
        [InlineData("fe80::1%2", "fe80::1", 128)]
        [InlineData("fe80::1%eth0/64", "fe80::", 64)]
        public void AZoneIndexIsAcceptedAndLeftOut(string text, string network, int length)
        {
            Assert.True(IPPrefix.TryParse(text, out var prefix));
            Assert.Equal(AddressFamily.InterNetworkV6, prefix.Family);
            Assert.Equal(IPAddress.Parse(network), prefix.Network);
            Assert.Equal(0, prefix.Network.ScopeId);
            Assert.Equal(length, prefix.Length);
            Assert.Equal(IPPrefix.Parse(network + "/" + length), prefix);
        }

        [Theory]
        [InlineData("[2001:db8::1]", "2001:db8::1")]
        [InlineData("[2001:db8::1]/64", "2001:db8::/64")]
        [InlineData("[198.51.100.7]", "198.51.100.7")]
        [InlineData("[198.51.100.7]/24", "198.51.100.0/24")]
        [InlineData(" 198.51.100.7 ", "198.51.100.7")]
        [InlineData("\t2001:db8::/32\n", "2001:db8::/32")]
        public void BracketsAndSurroundingSpaceAreReadAsThePlainForm(string text, string plain)
        {
            Assert.True(IPPrefix.TryParse(text, out var prefix));
            Assert.Equal(IPPrefix.Parse(plain), prefix);
            Assert.Equal(IPPrefix.Parse(plain).GetHashCode(), prefix.GetHashCode());
            Assert.Equal(plain, prefix.ToString());
        }

        [Theory]
        [InlineData(null)]
        [InlineData(" ")]
        [InlineData("/24")]
        [InlineData("198.51.100.0/")]
        [InlineData("198.51.100.0/x")]
        [InlineData("198.51.100.0/+8")]
        [InlineData("198.51.100.0/-0")]
        [InlineData("198.51.100.0/ 8")]
        [InlineData("198.51.100.0/0024")]
        [InlineData("198.51.100")]
        [InlineData("198.51.100.7.1")]
        [InlineData("198..100.7")]
        [InlineData("198.51.100.")]
        [InlineData(".51.100.7")]
        [InlineData("198.51.100.256")]
        [InlineData("0x7f.0.0.1")]
        [InlineData("198.51.100.7%eth0")]
        [InlineData("[198.51.100.0/24]")]
        [InlineData("[::1")]
        [InlineData("::1]")]
        [InlineData(":::")]
        [InlineData(":1::")]
        [InlineData("1::2:")]
        [InlineData("1:")]
        [InlineData("1::2::3")]
        [InlineData("1:2:3:4:5:6:7")]
        [InlineData("1:2:3:4:5:6:7:8:9")]
        [InlineData("1:2:3:4:5:6:7:8::")]
        [InlineData("::1:2:3:4:5:6:7:8")]
        [InlineData("12345::")]
        [InlineData("g::1")]
        [InlineData("2001:db8::1/64x")]
        [InlineData("::/")]
        [InlineData("fe80::1%")]
        [InlineData("fe80::1%et h0")]
        [InlineData("2001:db8::/24/1")]
        public void GarbageIsRefused(string? text)
        {
            Assert.False(IPPrefix.TryParse(text, out _));
            Assert.Throws<FormatException>(() => IPPrefix.Parse(text!));
        }

        [Theory]
        [InlineData("198.51.100.0/33")]
        [InlineData("198.51.100.0/128")]
        [InlineData("198.51.100.0/999")]
        [InlineData("198.51.100.0/1000")]
        [InlineData("198.51.100.0/4294967328")]
        [InlineData("2001:db8::/129")]
        [InlineData("2001:db8::/256")]
        [InlineData("::/0128")]
        public void LengthsBeyondTheFamilysBitsAreRefused(string text)
        {
            Assert.False(IPPrefix.TryParse(text, out _));
        }

        [Theory]
        [InlineData("198.51.100.77/26", "198.51.100.64", "198.51.100.64/26")]
        [InlineData("198.51.100.77/31", "198.51.100.76", "198.51.100.76/31")]
        [InlineData("198.51.100.77/1", "128.0.0.0", "128.0.0.0/1")]
        [InlineData("255.255.255.255/0", "0.0.0.0", "0.0.0.0/0")]
        [InlineData("2001:db8:abcd:1234::1/48", "2001:db8:abcd::", "2001:db8:abcd::/48")]
        [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff/63", "2001:db8:1:2::", "2001:db8:1:2::/63")]
        [InlineData("2001:db8:1:3:ffff:ffff:ffff:ffff/64", "2001:db8:1:3::", "2001:db8:1:3::/64")]
        [InlineData("2001:db8:1:3:ffff:ffff:ffff:ffff/65", "2001:db8:1:3:8000::", "2001:db8:1:3:8000::/65")]
        [InlineData("2001:db8::ffff/127", "2001:db8::fffe", "2001:db8::fffe/127")]
        [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1", "8000::", "8000::/1")]
        [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/0", "::", "::/0")]
        public void TheNetworkHasTheHostBitsCleared(string text, string network, string printed)
        {
            var prefix = IPPrefix.Parse(text);

            Assert.Equal(IPAddress.Parse(network), prefix.Network);
            Assert.Equal(printed, prefix.ToString());
            Assert.Equal(IPPrefix.Parse(printed), prefix);
        }

        [Fact]
        public void APrefixWithHostBitsSetEqualsTheClearedOneAndHashesAlike()
        {
            var set = new HashSet<IPPrefix> { IPPrefix.Parse("198.51.100.0/24"), IPPrefix.Parse("2001:db8:1:3::/64") };

            Assert.Contains(IPPrefix.Parse("198.51.100.200/24"), set);
            Assert.Contains(IPPrefix.Parse("2001:db8:1:3:ffff::1/64"), set);
            Assert.DoesNotContain(IPPrefix.Parse("198.51.100.200/25"), set);
        }

        // Both families hold 0 and 1.2.3.4 as the same numbers: only the family tells them apart.
        [Theory]
        [InlineData("0.0.0.0/0", "::/0")]
        [InlineData("0.0.0.0", "::")]
        [InlineData("1.2.3.4", "::102:304")]
        [InlineData("1.2.3.0/24", "::102:300/120")]
        public void PrefixesOfTheTwoFamiliesNeverEqualOrHoldEachOther(string v4, string v6)
        {
            var a = IPPrefix.Parse(v4);
            var b = IPPrefix.Parse(v6);

            Assert.NotEqual(a, b);
            Assert.False(a.Contains(b));
            Assert.False(b.Contains(a));
            Assert.False(a.Contains(b.Network));
            Assert.False(b.Contains(a.Network));
        }

        [Theory]
        [InlineData("0.0.0.0/0", "2001:db8::1", false)]
        [InlineData("0.0.0.0/0", "::", false)]
        [InlineData("0.0.0.0/0", "::ffff:203.0.113.5", true)]
        [InlineData("::/0", "203.0.113.5", false)]
        [InlineData("::/0", "::ffff:203.0.113.5", false)]
        [InlineData("::/0", "::1", true)]
        [InlineData("::/96", "0.0.0.5", false)]
        [InlineData("::ffff:0.0.0.0/0", "203.0.113.5", true)]
        [InlineData("2001:db8:1:3::/64", "2001:db8:1:3:ffff:ffff:ffff:ffff", true)]
        [InlineData("2001:db8:1:3::/64", "2001:db8:1:4::", false)]
        [InlineData("2001:db8:1:2::/63", "2001:db8:1:3::1", true)]
        [InlineData("2001:db8:1:2:8000::/65", "2001:db8:1:2:7fff::", false)]
        [InlineData("2001:db8:1:2:8000::/65", "2001:db8:1:2:8fff::", true)]
        [InlineData("fe80::/10", "febf::1", true)]
        [InlineData("fe80::/10", "fec0::1", false)]
        [InlineData("fe80::/64", "fe80::1%2", true)]
        public void ContainsComparesFamiliesFirst(string prefix, string address, bool expected)
        {
            Assert.Equal(expected, IPPrefix.Parse(prefix).Contains(IPAddress.Parse(address)));
        }

        [Fact]
        public void ContainsPrefixNeedsTheSameFamilyAndANarrowerOrEqualLength()
        {
            var net = IPPrefix.Parse("2001:db8::/32");

            Assert.True(net.Contains(net));
            Assert.True(net.Contains(IPPrefix.Parse("2001:db8:ffff::/48")));
            Assert.True(net.Contains(IPPrefix.Parse("2001:db8::1")));
            Assert.False(net.Contains(IPPrefix.Parse("2001:db8::/31")));
            Assert.False(net.Contains(IPPrefix.Parse("2001:db9::/48")));
            Assert.True(IPPrefix.Parse("0.0.0.0/0").Contains(IPPrefix.Parse("203.0.113.0/24")));
            Assert.False(IPPrefix.Parse("203.0.113.7").Contains(IPPrefix.Parse("203.0.113.0/31")));
        }

        [Theory]
        [InlineData("198.51.100.7", true)]
        [InlineData("198.51.100.7/32", true)]
        [InlineData("198.51.100.6/31", false)]
        [InlineData("0.0.0.0/0", false)]
        [InlineData("::", true)]
        [InlineData("::1/128", true)]
        [InlineData("::/127", false)]
        [InlineData("::/0", false)]
        [InlineData("2001:db8::1/32", false)]
        [InlineData("::ffff:198.51.100.7", true)]
        [InlineData("fe80::1%eth0", true)]
        [InlineData("[2001:db8::1]", true)]
        public void IsSingleAddressIsAFullLength(string text, bool expected)
        {
            Assert.Equal(expected, IPPrefix.Parse(text).IsSingleAddress);
        }

        [Fact]
        public void SingleHoldsOneAddressOfItsFamily()
        {
            var v4 = IPPrefix.Single(IPAddress.Parse("198.51.100.7"));
            var mapped = IPPrefix.Single(IPAddress.Parse("::ffff:198.51.100.7"));
            var v6 = IPPrefix.Single(IPAddress.Parse("2001:db8::7"));

            Assert.True(v4.IsSingleAddress);
            Assert.Equal(IPPrefix.Parse("198.51.100.7"), v4);
            Assert.Equal(v4, mapped);
            Assert.Equal(AddressFamily.InterNetwork, mapped.Family);
            Assert.Equal(128, v6.Length);
            Assert.Equal(IPPrefix.Parse("2001:db8::7"), v6);
        }

        [Fact]
        public void WithLengthClearsTheBitsBeyondIt()
        {
            var host = IPPrefix.Parse("2001:db8:1:3:ffff::1");

            Assert.Equal(IPPrefix.Parse("2001:db8:1:3::/64"), host.WithLength(64));
            Assert.Equal(IPPrefix.Parse("2001:db8:1:3:8000::/65"), host.WithLength(65));
            Assert.Equal(IPPrefix.Parse("::/0"), host.WithLength(0));
            Assert.Equal(IPPrefix.Parse("198.51.100.64/26"), IPPrefix.Parse("198.51.100.77").WithLength(26));
            Assert.Throws<ArgumentOutOfRangeException>(() => IPPrefix.Parse("198.51.100.77").WithLength(33));
            Assert.Throws<ArgumentOutOfRangeException>(() => host.WithLength(-1));
        }

        // The parser reads a word of a dump in place, as a string or as UTF-8 bytes: only the
        // characters between start and end count.
        [Theory]
        [InlineData("-A INPUT -s 198.51.100.0/24 -j DROP", 12, 27, "198.51.100.0/24")]
        [InlineData("-A INPUT -s 198.51.100.7 -d 203.0.113.0/24 -j DROP", 12, 24, "198.51.100.7")]
        [InlineData("198.51.100.7/24", 0, 14, "198.51.100.0/2")]
        [InlineData("x2001:db8::1/64y", 1, 15, "2001:db8::/64")]
        [InlineData("-s [2001:db8::1]/64 -j", 3, 19, "2001:db8::/64")]
        [InlineData("-s ::ffff:198.51.100.7 -j", 3, 22, "198.51.100.7")]
        public void ASliceIsReadAsTheTextItHolds(string text, int start, int end, string expected)
        {
            Assert.True(IPPrefix.TryParse(new StringText(text), start, end, out var prefix));
            Assert.Equal(IPPrefix.Parse(expected), prefix);
            Assert.True(IPPrefix.TryParse(Utf8Text.From(text), start, end, out var fromBytes));
            Assert.Equal(prefix, fromBytes);
        }

        [Theory]
        [InlineData("198.51.100.7", 0, 10)]
        [InlineData("-s 198.51.100.7/33 -j", 3, 18)]
        [InlineData("-s 2001:db8::1/129 -j", 3, 18)]
        [InlineData("-s 198.51.100.7/", 3, 16)]
        public void ASliceThatIsNoPrefixIsRefused(string text, int start, int end)
        {
            Assert.False(IPPrefix.TryParse(new StringText(text), start, end, out _));
            Assert.False(IPPrefix.TryParse(Utf8Text.From(text), start, end, out _));
        }
    }
}
