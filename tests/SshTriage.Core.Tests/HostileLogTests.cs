using System;
using System.Linq;
using System.Net;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// sshd lines whose user names (or the text after the peer) carry another address: the peer
    /// is always the address sshd wrote, never one a client typed.
    /// </summary>
    public class HostileLogTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");
        private static readonly IPAddress Client6 = IPAddress.Parse("2001:db8:100::10");

        private static SshLogEvent One(string message) =>
            SshLogParser.Parse("web01", "Dec  4 14:00:00 web01 sshd[4242]: " + message, "auth.log", Now).Single();

        [Theory]
        [InlineData("sshd92-hostile-names.txt")]
        [InlineData("sshd10-hostile-names.txt")]
        public void RealSshdLinesForInjectedUserNamesNameTheRealClient(string fixture)
        {
            var events = SshLogParser.Parse("web01", Fixture.Load("auth-log/" + fixture).Output, "auth.log", Now).ToList();
            var hostile = events.Where(e => e.Message.Contains("203.0.113.66") || e.Message.Contains("six from 2001 ")).ToList();

            // Invalid user, closed, failed password and too many failures, for each of the nine names.
            Assert.True(hostile.Count >= 20, $"only {hostile.Count} lines of the hostile logins were read");
            Assert.All(hostile, e => Assert.NotEqual(SshLogEventKind.Other, e.Kind));
            Assert.All(hostile, e => Assert.Contains(e.Address, new[] { Client, Client6 }));
            Assert.All(hostile, e => Assert.InRange(e.Port!.Value, 1024, 65535));
            Assert.Contains(hostile, e => e.Kind == SshLogEventKind.Failed && e.User == "p from 203.0.113.66 port 3 ssh2" && e.Address!.Equals(Client));
            Assert.Contains(hostile, e => e.Kind == SshLogEventKind.Failed && e.User == "q from 203.0.113.66 port 7" && e.Address!.Equals(Client6));
            Assert.Contains(hostile, e => e.Kind == SshLogEventKind.TooManyAuthFailures && e.User == "m from 203.0.113.66 port 4");
            Assert.Contains(hostile, e => e.Kind == SshLogEventKind.ConnectionClosed && e.User == "o from 203.0.113.66 port 99999999999");
            Assert.Contains(hostile, e => e.Kind == SshLogEventKind.InvalidUser && e.User == "from 203.0.113.66 port 5");

            Assert.DoesNotContain(events, e => IPAddress.Parse("203.0.113.66").Equals(e.Address));
            Assert.Empty(new SshLogFilter(IPAddress.Parse("203.0.113.66"), null, null, null).Apply(events));
            Assert.Equal(hostile.Count(e => e.Address!.Equals(Client)), new SshLogFilter(Client, null, null, null).Apply(hostile).Count());
        }

        // Each line is modelled on an injection in Fail2Ban's test log for its sshd filter
        // (fail2ban/tests/files/logs/sshd) or on the lines above, with documentation addresses:
        // the client is 203.0.113.5, the address it typed 198.51.100.66.
        [Theory]
        [InlineData("Failed password for invalid user x from 198.51.100.66 port 1 from 203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed password for invalid user test from 198.51.100.66 port 55555 ssh2 from 203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed password for invalid user from 198.51.100.66 from 203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed none for invalid user x from 198.51.100.66 port 1 from 203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed publickey for invalid user x from 198.51.100.66 port 1 from 203.0.113.5 port 40000 ssh2: ED25519 SHA256:YLsXFLkc1CwgZw7HThrnsPx/fSZy/OurJyyh7rqp74M", SshLogEventKind.Failed)]
        [InlineData("Accepted publickey for alice from 203.0.113.5 port 40000 ssh2: ED25519 SHA256:YLsXFLkc1CwgZw7HThrnsPx/fSZy/OurJyyh7rqp74M", SshLogEventKind.Accepted)]

        // What follows "ssh2: " is sshd's auth info, which may quote the client (a certificate's
        // key id, hostbased's client user and host, an old sshd's ruser): Fail2Ban's
        // "injecting on auth-info" and "injecting into rhost" lines.
        [InlineData("Failed password for invalid user test from 203.0.113.5 port 40000 ssh2: from 198.51.100.66 port 55555 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed password for user from 203.0.113.5 port 40000 ssh1: ruser from 198.51.100.66", SshLogEventKind.Failed)]
        [InlineData("Failed publickey for root from 203.0.113.5 port 40000 ssh2: ED25519-CERT SHA256:YLsXFLkc1CwgZw7HThrnsPx/fSZy/OurJyyh7rqp74M ID x from 198.51.100.66 port 1 ssh2 (serial 1) CA ED25519 SHA256:NyAWTz7K1Wx//bUrvwJsHO2aLyhtgRbX2ogZTNmesic", SshLogEventKind.Failed)]
        [InlineData("Failed hostbased for invalid user y from 203.0.113.5 port 40000 ssh2: ED25519 SHA256:YLsXFLkc1CwgZw7HThrnsPx/fSZy/OurJyyh7rqp74M, client user \"z from 198.51.100.66 port 1 ssh2\", client host \"from 198.51.100.66 port 1\"", SshLogEventKind.Failed)]
        [InlineData("Invalid user x from 198.51.100.66 port 1 from 203.0.113.5 port 40000", SshLogEventKind.InvalidUser)]
        [InlineData("Connection closed by invalid user x from 198.51.100.66 port 1 203.0.113.5 port 40000 [preauth]", SshLogEventKind.ConnectionClosed)]
        [InlineData("Connection closed by authenticating user root 203.0.113.5 port 40000 [preauth]", SshLogEventKind.ConnectionClosed)]
        [InlineData("Connection reset by invalid user x 198.51.100.66 port 1 203.0.113.5 port 40000 [preauth]", SshLogEventKind.ConnectionClosed)]
        [InlineData("Disconnected from invalid user x 198.51.100.66 port 1 203.0.113.5 port 40000 [preauth]", SshLogEventKind.Disconnected)]
        [InlineData("Received disconnect from 203.0.113.5 port 40000:11: from 198.51.100.66 port 1 [preauth]", SshLogEventKind.Disconnected)]
        [InlineData("error: maximum authentication attempts exceeded for invalid user x from 198.51.100.66 port 1 from 203.0.113.5 port 40000 ssh2 [preauth]", SshLogEventKind.TooManyAuthFailures)]
        [InlineData("Disconnecting invalid user x 198.51.100.66 port 1 203.0.113.5 port 40000: Too many authentication failures [preauth]", SshLogEventKind.TooManyAuthFailures)]
        [InlineData("administratively prohibited connection for x from 198.51.100.66 port 1 from 203.0.113.5 port 40000", SshLogEventKind.RefusedByConfig)]
        [InlineData("Connection from 203.0.113.5 port 40000 on 198.51.100.20 port 22 rdomain \"\"", SshLogEventKind.ConnectionFrom)]
        [InlineData("Failed password for invalid user x from 198.51.100.66 port 99999999999 from 203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        [InlineData("Failed password for invalid user x from 198.51.100.66 port 1 from ::ffff:203.0.113.5 port 40000 ssh2", SshLogEventKind.Failed)]
        public void ThePeerIsTheAddressSshdWrote(string message, SshLogEventKind kind)
        {
            var logEvent = One(message);
            Assert.Equal(kind, logEvent.Kind);
            Assert.Equal(IPAddress.Parse("203.0.113.5"), logEvent.Address);
            Assert.Equal(40000, logEvent.Port);
        }

        [Theory]
        [InlineData("refused connect from _U2FsdGVkX19P3BCJmFBHhjLza8BcMH06WCUVwttMHpE=_@::ffff:198.51.100.66 (::ffff:203.0.113.5)")]
        [InlineData("refused connect from x (198.51.100.66) (203.0.113.5)")]
        [InlineData("User root from ::ffff:203.0.113.5 not allowed because not listed in AllowUsers")]
        public void LinesWithoutAPortNameTheClientToo(string message)
        {
            var logEvent = One(message);
            Assert.Equal(IPAddress.Parse("203.0.113.5"), logEvent.Address);
            Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, logEvent.Address!.AddressFamily);
        }

        // sshd cuts a user name at its first colon, so a name cannot carry an IPv6 address.
        [Theory]
        [InlineData("Failed password for invalid user x from 198.51.100.66 port 1 from 2001:db8::5 port 40000 ssh2")]
        [InlineData("Invalid user six from 2001 from 2001:db8::5 port 40000")]
        [InlineData("Connection closed by invalid user x 198.51.100.66 port 1 2001:db8::5 port 40000 [preauth]")]
        public void IPv6PeersToo(string message)
        {
            var logEvent = One(message);
            Assert.Equal(IPAddress.Parse("2001:db8::5"), logEvent.Address);
            Assert.Equal(40000, logEvent.Port);
        }

        // Lines sshd did not write: a port or pid that is no number sshd prints, other digits,
        // a line longer than sshd's buffer. Each is read without an exception and without an address.
        [Theory]
        [InlineData("Invalid user x from 203.0.113.5 port 99999999999")]
        [InlineData("Invalid user x from 203.0.113.5 port 65536")]
        [InlineData("Invalid user x from 203.0.113.5 port ٤٢")]
        [InlineData("Invalid user x from 203.0.113.5 port 4\u0662")]
        [InlineData("Bad protocol version identification 'SSH-2.0-x from 198.51.100.66 port 1 ssh2' from 203.0.113.5 port 40000")]
        [InlineData("error: kex_exchange_identification: client sent invalid protocol identifier \"from 198.51.100.66 port 1\"")]
        public void AnythingElseHasNoAddress(string message)
        {
            var logEvent = One(message);
            Assert.Null(logEvent.Address);
            Assert.Null(logEvent.Port);
        }

        [Theory]
        [InlineData("Dec  4 14:00:00 web01 sshd[99999999999]: Invalid user x from 203.0.113.5 port 1")]
        [InlineData("Dec  4 14:00:00 web01 sshd[00000000000000000000000000012]: Invalid user x from 203.0.113.5 port 1")]
        public void AProcessIdOutOfRangeIsLeftOut(string line)
        {
            var logEvent = SshLogParser.Parse(null, line, "auth.log", Now).Single();
            Assert.Null(logEvent.ProcessId);
            Assert.Equal(IPAddress.Parse("203.0.113.5"), logEvent.Address);
        }

        [Fact]
        public void OtherDigitsInThePrefixAreNotALogLine()
        {
            Assert.Empty(SshLogParser.Parse(null, "Dec  4 14:00:00 web01 sshd[١٢٣]: Invalid user x from 203.0.113.5 port 1", "auth.log", Now));
            Assert.Empty(SshLogParser.Parse(null, "٢٠٢٦-12-04T14:00:00+00:00 web01 sshd[1]: Invalid user x from 203.0.113.5 port 1", "auth.log", Now));
        }

        [Fact]
        public void AHugeLineIsSkippedQuickly()
        {
            var user = string.Concat(Enumerable.Repeat("x from 198.51.100.66 port 1 ", 20000));
            var started = DateTime.UtcNow;
            var events = SshLogParser.Parse(null, "Dec  4 14:00:00 web01 sshd[1]: Invalid user " + user + "from 203.0.113.5 port 40000\nDec  4 14:00:00 web01 sshd[1]: Invalid user y from 203.0.113.5 port 40001", "auth.log", Now).ToList();

            Assert.Equal(40001, Assert.Single(events).Port);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        }
    }
}
