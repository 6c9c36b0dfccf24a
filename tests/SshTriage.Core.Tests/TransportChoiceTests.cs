using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Remote;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>-Transport Auto, what each transport refuses, and how a sudo password travels.</summary>
    public class TransportChoiceTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private static SecureString Secret(string text)
        {
            var secret = new SecureString();
            foreach (var c in text)
            {
                secret.AppendChar(c);
            }

            return secret;
        }

        private static bool Build(RemoteLogin login, out RemoteTarget? target, out string error, string? userName = null, Dictionary<string, string>? options = null) =>
            RemoteTargetBuilder.TryBuild("web01", userName, null, null, null, options, false, Timeout, out target, out error, login);

        [Theory]
        [InlineData(true, false, false, SshTransport.OpenSsh)]
        [InlineData(false, false, false, SshTransport.SshNet)]
        [InlineData(true, true, false, SshTransport.SshNet)]
        [InlineData(true, false, true, SshTransport.SshNet)]
        public void AutoTakesOpenSshUnlessOnlySshNetCanServe(bool sshOnPath, bool credential, bool pinned, SshTransport expected)
        {
            var login = new RemoteLogin(
                SshTransport.Auto,
                credential ? new RemoteCredential("triage", Secret("pw")) : null,
                null,
                pinned ? new[] { "SHA256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA" } : null);

            Assert.Equal(expected, TransportChoice.Resolve(SshTransport.Auto, login, sshOnPath));
            Assert.Equal(SshTransport.OpenSsh, TransportChoice.Resolve(SshTransport.OpenSsh, login, sshOnPath));
        }

        [Fact]
        public void OpenSshTakesNoPasswordAndNoPinnedKey()
        {
            Assert.False(Build(new RemoteLogin(SshTransport.OpenSsh, new RemoteCredential("triage", Secret("pw"))), out _, out var error));
            Assert.Contains("-Credential needs the SSH.NET transport", error, StringComparison.Ordinal);
            Assert.False(Build(new RemoteLogin(SshTransport.OpenSsh, hostKeyFingerprints: new[] { "SHA256:4iMJNDSPGWc6df4AFZkk/rT641+iBiWtkmjvICkVRfA" }), out _, out error));
            Assert.Contains("-HostKeyFingerprint", error, StringComparison.Ordinal);
        }

        [Fact]
        public void SshNetRefusesSshOptionsItWouldIgnore()
        {
            Assert.False(Build(new RemoteLogin(SshTransport.SshNet), out _, out var error, options: new Dictionary<string, string> { ["ConnectTimeout"] = "5" }));
            Assert.Contains("ConnectTimeout", error, StringComparison.Ordinal);
            Assert.True(Build(new RemoteLogin(SshTransport.SshNet), out _, out _, options: new Dictionary<string, string> { ["UserKnownHostsFile"] = "/tmp/kh", ["GlobalKnownHostsFile"] = "none" }));
        }

        [Fact]
        public void SshNetTakesTheAlgorithmListsOfSshConfigAndRefusesAMalformedOne()
        {
            Assert.True(Build(new RemoteLogin(SshTransport.SshNet), out _, out _, options: new Dictionary<string, string> { ["KexAlgorithms"] = "^curve25519-sha256", ["MACs"] = "-*sha1*", ["Ciphers"] = "aes256-gcm@openssh.com", ["HostKeyAlgorithms"] = "+ssh-rsa" }));
            Assert.False(Build(new RemoteLogin(SshTransport.SshNet), out _, out var error, options: new Dictionary<string, string> { ["KexAlgorithms"] = "curve25519-sha256 $(reboot)" }));
            Assert.Contains("not a list of algorithm names", error, StringComparison.Ordinal);
        }

        [Fact]
        public void TheCredentialNamesTheUserUnlessUserNameDisagrees()
        {
            var login = new RemoteLogin(SshTransport.SshNet, new RemoteCredential("triage", Secret("pw")));

            Assert.True(Build(login, out var target, out _));
            Assert.Equal("triage", target!.LoginName);
            Assert.False(Build(login, out _, out var error, userName: "root"));
            Assert.Contains("differ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("pw", target.Credential!.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void AMalformedPinIsRefused()
        {
            Assert.False(Build(new RemoteLogin(SshTransport.SshNet, hostKeyFingerprints: new[] { "SHA256:short" }), out _, out var error));
            Assert.Contains("SHA256", error, StringComparison.Ordinal);
        }

        [Fact]
        public void ASudoPasswordGoesOnStandardInputNeverOnTheCommandLine()
        {
            Assert.True(Build(new RemoteLogin(SshTransport.OpenSsh, sudoPassword: Secret("s3cret pw")), out var target, out _));

            var command = RemoteCommand.For(target!);
            var input = RemoteCommand.Input(target!, ScriptInput.Whole("echo collector\n"));

            Assert.True(target!.Sudo);
            Assert.StartsWith("sudo -S -p '' sh -c ", command, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", command, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", string.Join(" ", OpenSshShell.Arguments(target)), StringComparison.Ordinal);
            Assert.StartsWith("s3cret pw\n", input.First, StringComparison.Ordinal);
            Assert.EndsWith("echo collector\n", input.First, StringComparison.Ordinal);
        }

        [Fact]
        public void ASudoPasswordWithALineBreakIsRefused()
        {
            Assert.False(Build(new RemoteLogin(sudoPassword: Secret("one\ntwo")), out _, out var error));
            Assert.Contains("line break", error, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task WhateverSudoReadsThePasswordNeverReachesTheShell(bool sudoAsked)
        {
            // What runs under sudo -S, run here without sudo: when sudo asked, it has read the
            // password line already; when it did not (NOPASSWD), the line is still there.
            Assert.True(Build(new RemoteLogin(SshTransport.OpenSsh, sudoPassword: Secret("hunter2")), out var target, out _));
            var local = RemoteCommand.Local(target!);
            var input = RemoteCommand.Input(target!, ScriptInput.Whole("echo ran as $(id -un)\n")).First;
            if (sudoAsked)
            {
                input = input.Substring(input.IndexOf('\n', StringComparison.Ordinal) + 1);
            }

            var outcome = await ProcessRunner.RunAsync("sh", local.Arguments.Skip(4).ToArray(), ScriptInput.Whole(input), Timeout, CancellationToken.None);

            Assert.Equal(new[] { "-S", "-p", string.Empty, "sh", "-c" }, local.Arguments.Take(5));
            Assert.Equal(0, outcome.ExitCode);
            Assert.StartsWith("ran as ", outcome.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(string.Empty, outcome.StandardError);
            Assert.DoesNotContain("hunter2", outcome.StandardOutput + outcome.StandardError, StringComparison.Ordinal);
        }
    }
}
