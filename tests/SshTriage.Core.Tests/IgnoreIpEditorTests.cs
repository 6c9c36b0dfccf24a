using SshTriage.Fail2Ban;
using SshTriage.Net;
using Xunit;

namespace SshTriage.Tests
{
    public class IgnoreIpEditorTests
    {
        private static readonly IPPrefix Gateway = IPPrefix.Parse("203.0.113.1");

        [Fact]
        public void TheJailsOwnLineGetsTheAddressAndNothingElseChanges()
        {
            var text = "# local overrides\r\n[DEFAULT]\r\nignoreip = 127.0.0.1/8 ::1\r\nbantime = 1h\r\n\r\n[sshd]\r\n# office and VPN\r\nignoreip = 127.0.0.1/8 ::1 198.51.100.0/28   \r\nenabled = true\r\n";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.True(edit.Changed);
            Assert.Equal("sshd", edit.Section);
            Assert.Equal(text.Replace("198.51.100.0/28   \r\n", "198.51.100.0/28 203.0.113.1   \r\n"), edit.Text);
        }

        [Fact]
        public void DefaultIsEditedWhenOnlyItDefinesIgnoreIp()
        {
            var text = "[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 ; loopback\nbantime = 600\n\n[sshd]\nenabled = true\n";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.Equal("DEFAULT", edit.Section);
            Assert.Equal("[DEFAULT]\nignoreip = 127.0.0.1/8 ::1 203.0.113.1 ; loopback\nbantime = 600\n\n[sshd]\nenabled = true\n", edit.Text);
        }

        [Fact]
        public void AContinuedValueGetsTheAddressOnItsLastLine()
        {
            var text = "[sshd]\nignoreip = 127.0.0.1/8\n           ::1\n           198.51.100.5\nport = ssh\n";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.Equal("[sshd]\nignoreip = 127.0.0.1/8\n           ::1\n           198.51.100.5 203.0.113.1\nport = ssh\n", edit.Text);
        }

        [Fact]
        public void WithoutAnyIgnoreIpTheJailSectionGetsANewLineKeepingLoopback()
        {
            var text = "[sshd]\nenabled = true\n";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.Equal("[sshd]\nignoreip = 127.0.0.1/8 ::1 203.0.113.1\nenabled = true\n", edit.Text);
        }

        [Fact]
        public void WithoutTheJailSectionOneIsAppended()
        {
            var text = "[DEFAULT]\nbantime = 600";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.Equal("[DEFAULT]\nbantime = 600\n\n[sshd]\nignoreip = 127.0.0.1/8 ::1 203.0.113.1\n", edit.Text);
        }

        [Fact]
        public void AnEmptyFileGetsJustTheSection()
        {
            Assert.Equal("[sshd]\nignoreip = 127.0.0.1/8 ::1 203.0.113.1\n", IgnoreIpEditor.AddAddress(string.Empty, "sshd", Gateway).Text);
        }

        [Theory]
        [InlineData("[sshd]\nignoreip = 127.0.0.1/8 203.0.113.1\n", "203.0.113.1")]
        [InlineData("[sshd]\nignoreip = 127.0.0.1/8, 203.0.113.0/24\n", "203.0.113.0/24")]
        public void AnAddressAlreadyCoveredChangesNothing(string text, string coveredBy)
        {
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.False(edit.Changed);
            Assert.Equal(text, edit.Text);
            Assert.Equal(coveredBy, edit.CoveredBy);
        }

        [Fact]
        public void AnotherJailsIgnoreIpIsLeftAlone()
        {
            var text = "[recidive]\nignoreip = 127.0.0.1/8\n\n[sshd]\nport = ssh\n";
            var edit = IgnoreIpEditor.AddAddress(text, "sshd", Gateway);

            Assert.Equal("[recidive]\nignoreip = 127.0.0.1/8\n\n[sshd]\nignoreip = 127.0.0.1/8 ::1 203.0.113.1\nport = ssh\n", edit.Text);
        }

        [Fact]
        public void EffectiveEntriesFollowTheSamePrecedence()
        {
            var text = "[DEFAULT]\nignoreip = 127.0.0.1/8 ::1\n[sshd]\nignoreip = 198.51.100.0/26 # lab\n";
            Assert.Equal(new[] { "198.51.100.0/26" }, IgnoreIpEditor.EffectiveEntries(text, "sshd"));
            Assert.Equal(new[] { "127.0.0.1/8", "::1" }, IgnoreIpEditor.EffectiveEntries(text, "recidive"));
            Assert.Null(IgnoreIpEditor.EffectiveEntries("[sshd]\nport = ssh\n", "sshd"));
        }
    }
}
