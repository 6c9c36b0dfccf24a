using System;
using System.Net;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>A ban keeps its times in parts; each comes back as it was given, and none as none.</summary>
    public class Fail2BanBanTests
    {
        public static TheoryData<DateTimeOffset?> Times() => new TheoryData<DateTimeOffset?>
        {
            null,
            new DateTimeOffset(2026, 11, 21, 14, 45, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 21, 14, 45, 0, TimeSpan.FromMinutes(330)),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)),
            new DateTimeOffset(2026, 6, 30, 23, 59, 59, 999, TimeSpan.FromHours(14)).AddTicks(9999),
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
        };

        [Theory]
        [MemberData(nameof(Times))]
        public void TimesComeBackAsGiven(DateTimeOffset? time)
        {
            var ban = new Fail2BanBan("web01", "sshd", IPAddress.Parse("198.51.100.7")) { BannedAt = time, ExpiresAt = time };

            Assert.Equal(time, ban.BannedAt);
            Assert.Equal(time?.Offset, ban.BannedAt?.Offset);
            Assert.Equal(time, ban.ExpiresAt);
            Assert.Equal(time?.Offset, ban.ExpiresAt?.Offset);
        }

        [Fact]
        public void ABanWithoutTimesHasNone()
        {
            var ban = new Fail2BanBan("web01", "sshd", IPAddress.Parse("2001:db8::7"));

            Assert.Null(ban.BannedAt);
            Assert.Null(ban.ExpiresAt);
        }
    }
}
