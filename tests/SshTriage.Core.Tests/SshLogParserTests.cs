using System;
using System.Linq;
using System.Net;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    public class SshLogParserTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero);

        private static SshLogEvent[] Parse(string fixture) =>
            SshLogParser.Parse("web01", Fixture.Load("auth-log/" + fixture).Output, "/var/log/auth.log", Now).ToArray();

        [Theory]
        [InlineData("sshd92-failed-logins.txt")]
        [InlineData("sshd10-failed-logins.txt")]
        public void FailedLoginsOfBothGenerations(string fixture)
        {
            var events = Parse(fixture);

            var failed = events.Where(e => e.Kind == SshLogEventKind.Failed).ToList();
            Assert.Contains(failed, e => e.Method == "publickey" && e.User == "root");
            Assert.All(failed, e => Assert.Equal(IPAddress.Parse("198.51.100.10"), e.Address));
            Assert.Contains(events, e => e.Kind == SshLogEventKind.InvalidUser && e.User == "nosuchuser" && e.Port > 0);
            Assert.Contains(events, e => e.Kind == SshLogEventKind.TooManyAuthFailures && e.User == "root");
            Assert.Contains(events, e => e.Kind == SshLogEventKind.ConnectionFrom);
            Assert.Contains(events, e => e.Kind == SshLogEventKind.ConnectionClosed && e.User != null);
        }

        [Fact]
        public void OpenSsh10LinesComeFromSshdSession()
        {
            var events = Parse("sshd10-failed-logins.txt");
            Assert.Contains(events, e => e.Program == "sshd-session" && e.Kind == SshLogEventKind.Failed);
        }

        [Theory]
        [InlineData("sshd92-allowusers.txt")]
        [InlineData("sshd10-allowusers.txt")]
        public void AllowUsersRefusals(string fixture)
        {
            var refusal = Parse(fixture).First(e => e.Kind == SshLogEventKind.NotAllowed);
            Assert.Equal("bob", refusal.User);
            Assert.Equal(IPAddress.Parse("198.51.100.10"), refusal.Address);
        }

        [Fact]
        public void TcpWrappersRefusals()
        {
            var refusal = Parse("sshd92-hosts-deny.txt").First(e => e.Kind == SshLogEventKind.RefusedConnect);
            Assert.Equal(IPAddress.Parse("198.51.100.10"), refusal.Address);
        }

        [Theory]
        [InlineData("sshd92-maxstartups.txt")]
        [InlineData("sshd10-maxstartups.txt")]
        public void MaxStartupsDrops(string fixture)
        {
            var drop = Parse(fixture).First(e => e.Kind == SshLogEventKind.MaxStartupsDrop);
            Assert.Equal(IPAddress.Parse("198.51.100.10"), drop.Address);
            Assert.True(drop.Port > 0);
        }

        [Fact]
        public void PerSourcePenaltyDrops()
        {
            var drop = Parse("sshd10-penalty.txt").First(e => e.Kind == SshLogEventKind.PenaltyDrop);
            Assert.Equal(IPAddress.Parse("198.51.100.10"), drop.Address);
        }

        [Fact]
        public void TimestampsWithoutAYearLandInTheLatestYearNotInTheFuture()
        {
            var first = Parse("sshd92-open.txt").First();
            Assert.Equal(2026, first.Time!.Value.Year);
            Assert.True(first.Time <= Now);

            var newYear = SshLogParser.Parse("web01", "Dec 31 23:59:00 web01 sshd[1]: Connection from 198.51.100.10 port 1 on 198.51.100.20 port 22", "x", new DateTimeOffset(2027, 1, 1, 0, 5, 0, TimeSpan.Zero)).Single();
            Assert.Equal(2026, newYear.Time!.Value.Year);
        }

        [Theory]
        [InlineData("2026-11-21T14:20:01.123456+01:00 web01 sshd[5]: Invalid user x from 2001:db8:100::10 port 5")]
        [InlineData("2026-11-21T14:20:01+0100 web01 sshd[5]: Invalid user x from 2001:db8:100::10 port 5")]
        public void IsoTimestampsOfRsyslogAndJournalctl(string line)
        {
            var logEvent = SshLogParser.Parse(null, line, "journal", Now).Single();
            Assert.Equal(new DateTimeOffset(2026, 11, 21, 13, 20, 1, TimeSpan.Zero), logEvent.Time!.Value.ToUniversalTime().AddTicks(-(logEvent.Time.Value.Ticks % TimeSpan.TicksPerSecond)));
            Assert.Equal("web01", logEvent.ComputerName);
            Assert.Equal(IPAddress.Parse("2001:db8:100::10"), logEvent.Address);
        }

        [Fact]
        public void GarbledAndForeignLinesAreSkipped()
        {
            var text = "garbage\n\0\x01binary\nNov 21 14:20:01 web01 CRON[5]: pam_unix(cron:session): session opened\nNov 99 99:99:99 web01 sshd[1]: x\n";
            var events = SshLogParser.Parse("web01", text, "x", Now).ToList();
            Assert.All(events, e => Assert.Null(e.Time));
            Assert.DoesNotContain(events, e => e.Message.Contains("pam_unix"));
        }

        [Fact]
        public void TheFilterIsExact()
        {
            var events = Parse("sshd92-failed-logins.txt");
            var filter = new SshLogFilter(IPAddress.Parse("198.51.100.1"), null, null, null);
            Assert.Empty(filter.Apply(events));

            var last = new SshLogFilter(null, "root", null, 2).Apply(events).ToList();
            Assert.Equal(2, last.Count);
            Assert.All(last, e => Assert.Equal("root", e.User));
        }
    }
}
