using System;
using System.Linq;
using System.Net;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// sshd's words for the stages after TCP, from the lab's login-stage scenarios on OpenSSH 9.2 and
    /// 10.0 (tests/lab/capture-login-log-fixtures.sh). Lines that name no peer get the one their
    /// process's "Connection from" line named, never an address from elsewhere in the line.
    /// </summary>
    public class LoginStageLogTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");

        [Theory]
        [InlineData("sshd92-authkeys-modes.txt", SshLogEventKind.BadModes, null, "/home/alice/.ssh")]
        [InlineData("sshd10-authkeys-modes.txt", SshLogEventKind.BadModes, null, "/home/alice/.ssh")]
        [InlineData("sshd92-account-locked.txt", SshLogEventKind.NotAllowed, "bob", "account is locked")]
        [InlineData("sshd10-account-locked.txt", SshLogEventKind.NotAllowed, "bob", "account is locked")]
        [InlineData("sshd92-account-expired.txt", SshLogEventKind.AccountExpired, "bob", "has expired")]
        [InlineData("sshd10-account-expired.txt", SshLogEventKind.AccountExpired, "bob", "has expired")]
        [InlineData("sshd92-shell-invalid.txt", SshLogEventKind.NotAllowed, "bob", "shell /bin/sst-no-such-shell does not exist")]
        [InlineData("sshd10-shell-invalid.txt", SshLogEventKind.NotAllowed, "bob", "shell /bin/sst-no-such-shell does not exist")]
        [InlineData("sshd92-root-login-no.txt", SshLogEventKind.RootLoginRefused, null, "ROOT LOGIN REFUSED")]
        [InlineData("sshd10-root-login-no.txt", SshLogEventKind.RootLoginRefused, null, "ROOT LOGIN REFUSED")]
        [InlineData("sshd92-key-type-rejected.txt", SshLogEventKind.KeyTypeRejected, null, "rsa-sha2-512 not in PubkeyAcceptedAlgorithms")]
        [InlineData("sshd92-algorithm-mismatch.txt", SshLogEventKind.NegotiationFailed, null, "Their offer: ssh-rsa")]
        [InlineData("sshd10-algorithm-mismatch.txt", SshLogEventKind.NegotiationFailed, null, "Their offer: ssh-rsa")]
        public void EachRefusalIsReadWithTheClientAsItsPeer(string fixture, SshLogEventKind kind, string? user, string text)
        {
            var events = SshLogParser.Parse("sst-server", Fixture.Load("auth-log/" + fixture).Output, "/var/log/auth.log", Now).ToList();

            var refusal = events.Last(e => e.Kind == kind);
            Assert.Contains(text, refusal.Message, StringComparison.Ordinal);
            Assert.Equal(Client, refusal.Address);
            Assert.NotNull(refusal.Port);
            Assert.Equal(user, refusal.User);
        }

        [Fact]
        public void OpenSsh10sListenerNamesTheClientWhoseGraceTimeRanOut()
        {
            var events = SshLogParser.Parse("sst-server", Fixture.Load("auth-log/sshd10-grace-timeout.txt").Output, "/var/log/auth.log", Now).ToList();

            var timeout = events.Single(e => e.Kind == SshLogEventKind.LoginGraceTimeout);
            Assert.Equal(Client, timeout.Address);
            Assert.Equal("sshd", timeout.Program);
            Assert.StartsWith("Timeout before authentication for connection from 198.51.100.10 to 198.51.100.20, pid = ", timeout.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void APeerIsNeverTakenFromAnotherProcess()
        {
            var text = "Dec  4 13:41:54 h sshd[10]: Connection from 203.0.113.7 port 1 on 198.51.100.20 port 22 rdomain \"\"\n"
                + "Dec  4 13:41:54 h sshd[11]: Authentication refused: bad ownership or modes for directory /home/x/.ssh\n"
                + "Dec  4 13:41:55 h sshd[10]: Authentication refused: bad ownership or modes for directory /home/y/.ssh\n";

            var refusals = SshLogParser.Parse(null, text, "test", Now).Where(e => e.Kind == SshLogEventKind.BadModes).ToList();

            Assert.Null(refusals[0].Address);
            Assert.Equal(IPAddress.Parse("203.0.113.7"), refusals[1].Address);
        }

        [Fact]
        public void AUserNameThatCarriesAnotherReasonIsNotAnAccountRefusal()
        {
            var text = "Dec  4 13:41:54 h sshd[10]: User x not allowed because account is locked from 198.51.100.66 not allowed because listed in DenyUsers\n";

            var line = Assert.Single(SshLogParser.Parse(null, text, "test", Now));

            Assert.NotEqual("x", line.User);
        }
    }
}
