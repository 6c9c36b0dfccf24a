using System;
using SshTriage.Remote;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The transport's error ids, from what the real ssh and sudo printed in the lab.</summary>
    public class RemoteFailureTests
    {
        private static readonly RemoteTarget Target = Build();

        private static RemoteTarget Build()
        {
            Assert.True(RemoteTargetBuilder.TryBuild("198.51.100.20", null, null, null, null, null, true, TimeSpan.FromSeconds(5), out var target, out _));
            return target!;
        }

        [Theory]
        [InlineData("sudo/host-key-verification-failed.txt", "SshHostKeyVerificationFailed")]
        [InlineData("sudo/host-key-unknown.txt", "SshHostKeyVerificationFailed")]
        [InlineData("sudo/auth-failed-wrong-key.txt", "SshAuthenticationFailed")]
        [InlineData("sudo/auth-failed-unknown-user.txt", "SshAuthenticationFailed")]
        [InlineData("sudo/auth-failed-allowusers.txt", "SshAuthenticationFailed")]
        [InlineData("sudo/auth-failed-permitrootlogin-no.txt", "SshAuthenticationFailed")]
        [InlineData("sudo/too-many-authentication-failures.txt", "SshAuthenticationFailed")]
        [InlineData("sudo/connection-refused.txt", "SshConnectionFailed")]
        [InlineData("sudo/connect-timeout.txt", "SshConnectionFailed")]
        [InlineData("sudo/banner-timeout-tcp-wrappers.txt", "SshConnectionFailed")]
        [InlineData("sudo/closed-tcp-wrappers.txt", "SshConnectionFailed")]
        [InlineData("sudo/closed-maxstartups.txt", "SshConnectionFailed")]
        [InlineData("sudo/no-route-to-host-icmp-admin-prohibited.txt", "SshConnectionFailed")]
        [InlineData("sudo/permission-denied-icmp6-admin-prohibited.txt", "SshConnectionFailed")]
        [InlineData("sudo/not-ssh-http.txt", "SshConnectionFailed")]
        [InlineData("sudo/sshd10-penalty.txt", "SshConnectionFailed")]
        [InlineData("sudo/sshd10-refuse-connection.txt", "SshConnectionFailed")]
        [InlineData("sudo/nosudo-password-required.txt", "SudoPasswordRequired")]
        [InlineData("sudo/not-in-sudoers.txt", "SudoPasswordRequired")]
        public void RealFailuresGetTheRightId(string fixture, string errorId)
        {
            var captured = Fixture.Load(fixture);
            var error = RemoteFailure.Classify(Target, new ProcessOutcome(captured.ExitCode, string.Empty, captured.Output, TimedOut: false));

            Assert.NotNull(error);
            Assert.Equal(errorId, error!.ErrorId);
            Assert.Equal("198.51.100.20", error.TargetObject);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        }

        [Fact]
        public void ATimeoutIsItsOwnError()
        {
            var error = RemoteFailure.Classify(Target, new ProcessOutcome(-1, string.Empty, string.Empty, TimedOut: true));
            Assert.Equal("SshCommandTimedOut", error!.ErrorId);
        }

        [Fact]
        public void CollectorOutputIsNotAFailure()
        {
            var output = "#%0123456789abcdef sshtriage-evidence version=1\n#%0123456789abcdef done\n";
            Assert.Null(RemoteFailure.Classify(Target, new ProcessOutcome(0, output, "Warning: Permanently added ...", TimedOut: false)));
        }
    }
}
