using System;
using System.Linq;
using SshTriage.Accounts;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The account section as sshd's server saw it in the lab (tests/lab/capture-account-fixtures.sh).</summary>
    public class AccountParserTests
    {
        [Fact]
        public void ReadsAPlainAccountAndTheKeysItsAuthorizedKeysFileHolds()
        {
            var account = Parse("alice-default.txt", "alice");

            Assert.True(account.Exists);
            Assert.Equal(2003, account.Uid);
            Assert.Equal("/home/alice", account.Home);
            Assert.Equal("/bin/bash", account.Shell);
            Assert.True(account.ShellListed);
            Assert.True(account.ShellExecutable);
            Assert.Equal("P", account.PasswordStatus);
            Assert.Equal("hash", account.PasswordField);
            Assert.False(account.PasswordLocked);
            Assert.DoesNotContain("$6$", Fixture.Load("account/alice-default.txt").Output, StringComparison.Ordinal);
            Assert.Null(account.AccountExpires);
            Assert.Empty(account.NologinFiles);

            var file = Assert.Single(account.AuthorizedKeysFiles);
            Assert.Equal("/etc/ssh/authorized_keys.d/alice", file.Path);
            Assert.True(file.Exists);
            Assert.Equal(new[] { "/etc/ssh/authorized_keys.d/alice", "/etc/ssh/authorized_keys.d", "/etc/ssh", "/etc", "/" }, file.Modes.Select(m => m.Path));
            Assert.Equal("644", file.Modes[0].OctalMode);
            var key = Assert.Single(file.Keys);
            Assert.StartsWith("SHA256:", key.Fingerprint, StringComparison.Ordinal);
            Assert.Equal("ED25519", key.Type);
            Assert.Equal(256, key.Bits);
            Assert.Equal("sst-lab-alice", key.Comment);
            Assert.True(file.Authorizes(key.Fingerprint));
            Assert.Null(file.StrictModesViolation(2003, 2003, "/home/alice"));
        }

        [Fact]
        public void AnEmptyPasswordFieldIsReadAsEmptyNotLocked()
        {
            var account = Parse("bob-empty-password.txt", "bob");

            Assert.Equal("empty", account.PasswordField);
            Assert.Equal("NP", account.PasswordStatus);
            Assert.False(account.PasswordLocked);
        }

        [Fact]
        public void ADirectoryOnlyTheUsersOwnGroupMayWriteIsRefusedOnlyByUnpatchedSshd()
        {
            var account = Parse("alice-ssh-group-writable.txt", "alice");

            var file = Assert.Single(account.AuthorizedKeysFiles);
            Assert.Equal("/home/alice/.ssh/authorized_keys", file.Path);
            var (path, verdict) = file.StrictModesViolation(account.Uid!.Value, account.Gid!.Value, account.Home!)!.Value;
            Assert.Equal(("/home/alice/.ssh", "775", StrictModesVerdict.OnlyIfUnpatched), (path.Path, path.OctalMode, verdict));
            Assert.Equal(new[] { string.Empty, "from=\"198.51.100.0/24\",no-pty" }, file.KeyOptions.Select(o => o.Options));
            Assert.All(file.KeyOptions, o => Assert.Equal("ssh-ed25519", o.KeyType));

            // The same mode with another group is refused by every sshd.
            Assert.Equal(StrictModesVerdict.Refused, file.StrictModesViolation(account.Uid.Value, 100, account.Home!)!.Value.Verdict);
        }

        [Fact]
        public void ADirectoryAnyoneMayWriteIsRefused()
        {
            var account = Parse("alice-ssh-world-writable.txt", "alice");

            var (path, verdict) = Assert.Single(account.AuthorizedKeysFiles).StrictModesViolation(account.Uid!.Value, account.Gid!.Value, account.Home!)!.Value;
            Assert.Equal(("/home/alice/.ssh", "777", StrictModesVerdict.Refused), (path.Path, path.OctalMode, verdict));
        }

        [Fact]
        public void ReadsALockedExpiredAccountWithAMissingShellUnderNologin()
        {
            var account = Parse("bob-locked-expired.txt", "bob");

            Assert.Equal("locked", account.PasswordField);
            Assert.True(account.PasswordLocked);
            Assert.Equal(new DateTime(2020, 1, 1), account.AccountExpires);
            Assert.True(account.ExpiredAt(new DateTime(2026, 12, 4)));
            Assert.Equal("/bin/sst-no-such-shell", account.Shell);
            Assert.False(account.ShellListed);
            Assert.False(account.ShellExecutable);
            Assert.Equal(new[] { "/run/nologin" }, account.NologinFiles);
        }

        [Fact]
        public void WithoutRootTheAccountStateIsUnknownNotFine()
        {
            var account = Parse("alice-nonroot.txt", "alice");

            Assert.True(account.Exists);
            Assert.Null(account.PasswordStatus);
            Assert.Null(account.PasswordField);
            Assert.False(account.PasswordLocked);
            Assert.Null(account.AccountExpires);
        }

        [Fact]
        public void AUserTheServerDoesNotHaveDoesNotExist()
        {
            var account = Parse("missing-user.txt", "nosuchuser");

            Assert.False(account.Exists);
            Assert.Null(account.Uid);
            Assert.Null(account.ShellListed);
            Assert.Empty(account.AuthorizedKeysFiles);
        }

        [Theory]
        [InlineData("")]
        [InlineData("@@sst query passwd\nalice:x:99999999999:1:x:/home/alice:/bin/sh\n@@sst exit 0\n@@sst query modes /x\n9999 0 0 /x\n77x 0 0 /y\n755 -1 0 /z\n755 0 /too-few\n@@sst exit 0\n@@sst query keys /x\nSHA256:abc\n256 SHA256:abc (ED25519\n@@sst exit 0\n")]
        public void GarbledOutputLeavesFieldsUnknownAndNeverThrows(string output)
        {
            var account = AccountParser.Parse("alice", output);

            Assert.Null(account.Uid);
            Assert.All(account.AuthorizedKeysFiles, f => Assert.Empty(f.Modes));
            Assert.All(account.AuthorizedKeysFiles, f => Assert.Empty(f.Keys));
        }

        [Theory]
        [InlineData("alice; rm -rf /")]
        [InlineData("$(id)")]
        [InlineData("-oProxyCommand=x")]
        [InlineData("a'b")]
        public void TheSectionRefusesANameSshdWouldNot(string user)
        {
            Assert.Throws<ArgumentException>(() => AccountSections.Account(user, null, null));
        }

        private static SshAccount Parse(string fixture, string user) => AccountParser.Parse(user, Fixture.Load("account/" + fixture).Output);
    }
}
