using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote;
using Xunit;

namespace SshTriage.Tests
{
    public class RemoteTargetTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private static bool Build(
            string computerName = "web01",
            string? userName = null,
            string? keyFilePath = null,
            int? sshPort = null,
            string? jumpHost = null,
            Dictionary<string, string>? options = null,
            bool sudo = false) =>
            RemoteTargetBuilder.TryBuild(computerName, userName, keyFilePath, sshPort, jumpHost, options, sudo, Timeout, out _, out _);

        public static TheoryData<string> Injections() => new TheoryData<string>
        {
            "web01; touch /tmp/pwned",
            "$(touch /tmp/pwned)",
            "`touch /tmp/pwned`",
            "-oProxyCommand=touch /tmp/pwned",
            "web01\ntouch /tmp/pwned",
            "web01 && reboot",
            "a'b",
        };

        [Theory]
        [MemberData(nameof(Injections))]
        public void InjectionAttemptsAreRefusedInEveryParameter(string hostile)
        {
            Assert.False(Build(computerName: hostile));
            Assert.False(Build(userName: hostile));
            Assert.False(Build(jumpHost: hostile));
            Assert.False(Build(keyFilePath: hostile));
            Assert.False(Build(options: new Dictionary<string, string> { [hostile] = "yes" }));
            Assert.False(Build(options: new Dictionary<string, string> { ["ConnectTimeout"] = hostile.Contains('\n') ? hostile : hostile + "\n" }));
        }

        [Theory]
        [InlineData("ProxyCommand")]
        [InlineData("proxycommand")]
        [InlineData("LocalCommand")]
        [InlineData("PermitLocalCommand")]
        [InlineData("KnownHostsCommand")]
        [InlineData("StrictHostKeyChecking")]
        [InlineData("BatchMode")]
        [InlineData("RemoteCommand")]
        public void OptionsThatRunCommandsOrWeakenChecksAreRefused(string key)
        {
            Assert.False(RemoteTargetBuilder.TryBuild("web01", null, null, null, null, new Dictionary<string, string> { [key] = "no" }, false, Timeout, out _, out var error));
            Assert.Contains(key, error);
        }

        [Theory]
        [InlineData("bastion")]
        [InlineData("admin@bastion.example.org:2222")]
        [InlineData("[2001:db8::1]:22")]
        [InlineData("admin@198.51.100.1,bastion2")]
        public void ValidJumpHostsAreAccepted(string jumpHost) => Assert.True(Build(jumpHost: jumpHost));

        [Fact]
        public void AMissingKeyFileIsNamed()
        {
            var missing = Path.Combine(Path.GetTempPath(), "sshtriage-no-such-dir", "id_ed25519");
            Assert.False(RemoteTargetBuilder.TryBuild("web01", null, missing, null, null, null, false, Timeout, out _, out var error));
            Assert.Contains(missing, error);
        }

        [Fact]
        public void TheSshCommandLineNeverPromptsAndNeverWeakensHostKeyChecks()
        {
            var key = Path.GetTempFileName();
            try
            {
                Assert.True(RemoteTargetBuilder.TryBuild(
                    "web01", "triage", key, 2222, "admin@bastion", new Dictionary<string, string> { ["UserKnownHostsFile"] = "/tmp/known hosts" }, true, Timeout, out var target, out _));
                var arguments = OpenSshShell.Arguments(target!);

                Assert.Equal(new[] { "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10" }, arguments.Take(5));
                Assert.Contains("IdentitiesOnly=yes", arguments);
                Assert.Equal(new[] { "--", "web01", "sudo -n sh -s" }, arguments.Skip(arguments.Count - 3));
                Assert.Equal("triage", arguments[arguments.ToList().IndexOf("-l") + 1]);
                Assert.Equal("2222", arguments[arguments.ToList().IndexOf("-p") + 1]);
                Assert.Equal("admin@bastion", arguments[arguments.ToList().IndexOf("-J") + 1]);
                Assert.Contains("UserKnownHostsFile=/tmp/known hosts", arguments);
                Assert.DoesNotContain(arguments, a => a.StartsWith("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase));
            }
            finally
            {
                File.Delete(key);
            }
        }

        [Fact]
        public async Task ArgumentsReachTheProgramExactly()
        {
            var tricky = new[] { "plain", "two words", "quote\"inside", "back\\slash", "trailing\\", "\\\"mixed\\\\\"", string.Empty, "it's" };
            var outcome = await ProcessRunner.RunAsync("/usr/bin/printf", new[] { "%s\\n" }.Concat(tricky).ToArray(), ScriptInput.Whole(string.Empty), Timeout, CancellationToken.None);

            Assert.Equal(0, outcome.ExitCode);
            Assert.Equal(tricky, outcome.StandardOutput.Split('\n').Take(tricky.Length));
        }

        [Fact]
        public async Task AProgramThatIsNotInstalledIsAStartException()
        {
            await Assert.ThrowsAsync<ProcessRunner.StartException>(() =>
                ProcessRunner.RunAsync("sshtriage-no-such-program", Array.Empty<string>(), ScriptInput.Whole(string.Empty), Timeout, CancellationToken.None));
        }

        [Fact]
        public async Task AProgramThatTakesTooLongIsKilled()
        {
            var outcome = await ProcessRunner.RunAsync("/bin/sleep", new[] { "30" }, ScriptInput.Whole(string.Empty), TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.True(outcome.TimedOut);
            Assert.Equal(-1, outcome.ExitCode);
        }
    }
}
