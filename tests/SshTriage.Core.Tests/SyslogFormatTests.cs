using System;
using System.Linq;
using System.Net;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// sshd's lines as other syslog daemons store them (tests/lab/capture-syslog-format-fixtures.sh):
    /// busybox syslogd with a facility.priority after the host, or with no host at all, and RFC 5424
    /// records with and without structured data. The peer is still the one sshd wrote last.
    /// </summary>
    public class SyslogFormatTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("busybox-syslogd-full.log", "vm", 1)]
        [InlineData("busybox-syslogd-small.log", null, 1)]
        [InlineData("rfc5424.log", "vm", 2)]
        public void EveryFormatGivesTheSameEvents(string fixture, string? host, int copies)
        {
            var events = SshLogParser.Parse(null, Fixture.Load("auth-log/syslog-formats/" + fixture).Output, "/var/log/messages", Now).ToList();

            var expected = new[]
            {
                (SshLogEventKind.InvalidUser, "203.0.113.5", (int?)40000, "sshd", "admin"),
                (SshLogEventKind.Failed, "203.0.113.5", 40000, "sshd", "x from 6.6.6.6 port 1"),
                (SshLogEventKind.ConnectionClosed, "203.0.113.5", 40001, "sshd-session", "root"),
                (SshLogEventKind.InvalidUser, "203.0.113.6", null, "sshd", "oracle"),
            }.SelectMany(e => Enumerable.Repeat(e, copies)).ToList();
            Assert.Equal(expected, events.Select(e => (e.Kind, e.Address!.ToString(), e.Port, e.Program!, e.User!)).ToList());
            Assert.All(events, e => Assert.Equal(host ?? Environment.MachineName, e.ComputerName));
            Assert.All(events, e => Assert.Equal(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero).Date, e.Time!.Value.Date));
        }

        [Fact]
        public void AnRfc5424RecordKeepsItsPidAndItsZone()
        {
            var first = SshLogParser.Parse("web01", Fixture.Load("auth-log/syslog-formats/rfc5424.log").Output, "x", Now).First();

            Assert.Equal(4242, first.ProcessId);
            Assert.Equal(TimeSpan.Zero, first.Time!.Value.Offset);
            Assert.Equal(IPAddress.Parse("203.0.113.5"), first.Address);
        }

        // A user name cannot pose as a syslog field: structured data is only what follows the msg id.
        [Fact]
        public void AMessageThatLooksLikeStructuredDataIsStillTheMessage()
        {
            var line = "<38>1 2026-12-04T17:00:52.877237+00:00 vm sshd 4242 - - Invalid user [x] from 203.0.113.5 port 40000";

            var logEvent = SshLogParser.Parse(null, line, "x", Now).Single();

            Assert.Equal((SshLogEventKind.InvalidUser, "[x]"), (logEvent.Kind, logEvent.User));
        }
    }
}
