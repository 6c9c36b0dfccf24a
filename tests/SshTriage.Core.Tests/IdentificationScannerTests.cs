using System.Text;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    public class IdentificationScannerTests
    {
        private static IdentificationScanner Feed(params string[] chunks)
        {
            var scanner = new IdentificationScanner();
            foreach (var chunk in chunks)
            {
                var bytes = Encoding.UTF8.GetBytes(chunk);
                scanner.Feed(bytes, bytes.Length);
            }

            return scanner;
        }

        [Fact]
        public void ReadsAnOpenSshBanner()
        {
            var scanner = Feed("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
            Assert.Equal(ScanVerdict.Identified, scanner.Verdict);
            Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", scanner.Identification!.Line);
            Assert.Equal("2.0", scanner.Identification.ProtocolVersion);
            Assert.Equal("OpenSSH_9.2p1", scanner.Identification.SoftwareVersion);
            Assert.Equal("Debian-2+deb12u3", scanner.Identification.Comments);
            Assert.Equal(SshPortStatus.Open, scanner.Conclude(ReadEnd.Closed));
            Assert.Null(scanner.ReceivedText());
        }

        [Fact]
        public void ABannerSplitAcrossReadsAndFollowedByKexDataIsRead()
        {
            var scanner = Feed("SSH-1.99-Cisco", "-1.25\n\0\0\x01\x14");
            Assert.Equal(ScanVerdict.Identified, scanner.Verdict);
            Assert.Equal("1.99", scanner.Identification!.ProtocolVersion);
            Assert.Equal("Cisco-1.25", scanner.Identification.SoftwareVersion);
            Assert.Null(scanner.Identification.Comments);
        }

        [Fact]
        public void LinesBeforeTheBannerAreKept()
        {
            var scanner = Feed("Authorized use only\r\nSecond line\r\nSSH-2.0-OpenSSH_10.0\r\n");
            Assert.Equal(ScanVerdict.Identified, scanner.Verdict);
            Assert.Equal("Authorized use only\nSecond line", scanner.ReceivedText());
        }

        [Theory]
        [InlineData("Exceeded MaxStartups\r\n")]
        [InlineData("Not allowed at this time\r\n")]
        public void TextThenCloseIsSshdExplainingADrop(string text)
        {
            var scanner = Feed(text);
            Assert.Equal(ScanVerdict.NeedMore, scanner.Verdict);
            Assert.Equal(SshPortStatus.ClosedBeforeBanner, scanner.Conclude(ReadEnd.Closed));
            Assert.Equal(text.TrimEnd(), scanner.ReceivedText());
        }

        [Fact]
        public void NothingThenCloseIsClosedBeforeBanner()
        {
            var scanner = new IdentificationScanner();
            Assert.Equal(SshPortStatus.ClosedBeforeBanner, scanner.Conclude(ReadEnd.Closed));
            Assert.Null(scanner.ReceivedText());
        }

        [Fact]
        public void NothingUntilTheTimeoutIsTimedOut()
        {
            Assert.Equal(SshPortStatus.TimedOut, new IdentificationScanner().Conclude(ReadEnd.TimedOut));
        }

        [Fact]
        public void AnHttpAnswerIsNotSshAndShowsWhatWasSent()
        {
            var scanner = Feed("HTTP/1.0 400 Bad request version ('SshTriage_Probe')\r\nServer: SimpleHTTP/0.6\r\n");
            Assert.Equal(ScanVerdict.NotSsh, scanner.Verdict);
            Assert.Equal(SshPortStatus.NotSsh, scanner.Conclude(ReadEnd.Closed));
            Assert.StartsWith("HTTP/1.0 400 Bad request", scanner.ReceivedText());
        }

        [Fact]
        public void AGreetingIsRecognisedBeforeItsLineEnds()
        {
            Assert.Equal(ScanVerdict.NotSsh, Feed("220 mail.example.org ESMTP").Verdict);
        }

        [Fact]
        public void BinaryDataIsNotSshAndIsEscaped()
        {
            var scanner = Feed("\x16\x03\x01\x02");
            Assert.Equal(ScanVerdict.NotSsh, scanner.Verdict);
            Assert.Equal("\\x16\\x03\\x01\\x02", scanner.ReceivedText());
        }

        [Fact]
        public void TextWithoutCloseOrBannerIsNotSsh()
        {
            var scanner = Feed("Welcome to some service\r\n");
            Assert.Equal(SshPortStatus.NotSsh, scanner.Conclude(ReadEnd.TimedOut));
        }

        [Fact]
        public void EndlessTextIsNotSsh()
        {
            var scanner = Feed(new string('a', IdentificationScanner.MaxBytes + 1));
            Assert.Equal(ScanVerdict.NotSsh, scanner.Verdict);
            Assert.True(scanner.ReceivedText()!.Length <= IdentificationScanner.MaxTextInResult + 1);
        }

        [Fact]
        public void AMalformedSshLineIsNotSsh()
        {
            Assert.Equal(ScanVerdict.NotSsh, Feed("SSH-garbage\r\n").Verdict);
        }

        [Fact]
        public void InvalidUtf8InALineIsNotSsh()
        {
            var scanner = new IdentificationScanner();
            var bytes = new byte[] { 0xC3, 0x28, (byte)'\n' };
            Assert.Equal(ScanVerdict.NotSsh, scanner.Feed(bytes, bytes.Length));
        }
    }
}
