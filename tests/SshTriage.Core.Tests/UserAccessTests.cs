using System.Net;
using SshTriage.Diagnosis;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Who sshd lets in, in sshd's order: DenyUsers, AllowUsers, DenyGroups, AllowGroups. The
    /// lines have the shape sshd 9.2's -T printed in the lab (one line per entry, keywords in
    /// lower case; a Match block's values replace the global ones); the d?ve pattern is added
    /// to cover wildcards and a negated host.
    /// </summary>
    public class UserAccessTests
    {
        private const string Dump = "port 22\nallowusers alice\nallowusers carol@198.51.100.0/24\nallowusers d?ve@*.example.org,!203.0.113.9\ndenygroups contractors\ndenygroups staff\n";

        private static UserAccess.Verdict? Decide(string dump, string user, string address, params string[]? groups) =>
            UserAccess.Decide(SshdConfigParser.Parse("web01", dump), user, IPAddress.Parse(address), groups);

        [Theory]
        [InlineData("alice", "203.0.113.5", false)]
        [InlineData("carol", "198.51.100.10", false)]
        [InlineData("carol", "203.0.113.5", true)]
        [InlineData("bob", "198.51.100.10", true)]
        [InlineData("dave", "203.0.113.9", true)]
        public void AllowUsersPatternsWithHostsAndNetworks(string user, string address, bool refused)
        {
            var verdict = Decide(Dump, user, address, "users");

            Assert.Equal(refused, verdict!.Refused);
            if (refused)
            {
                Assert.Equal("not listed in AllowUsers", verdict.Reason);
                Assert.Contains("allowusers carol@198.51.100.0/24", verdict.Directives);
            }
        }

        [Fact]
        public void DenyGroupsNeedTheUsersGroups()
        {
            Assert.Null(Decide(Dump, "alice", "198.51.100.10", null));

            var verdict = Decide(Dump, "alice", "198.51.100.10", "alice", "staff");
            Assert.True(verdict!.Refused);
            Assert.Equal("a group is listed in DenyGroups", verdict.Reason);
            Assert.Equal(new[] { "denygroups staff" }, verdict.Directives);
            Assert.True(verdict.UsedGroups);
        }

        [Fact]
        public void DenyUsersComesFirstAndAllowGroupsLast()
        {
            Assert.Equal("listed in DenyUsers", Decide("denyusers b*\nallowusers bob\n", "bob", "198.51.100.10", "bob")!.Reason);
            Assert.Equal("none of user's groups are listed in AllowGroups", Decide("allowgroups admins wheel\n", "bob", "198.51.100.10", "bob", "contractors")!.Reason);
            Assert.False(Decide("allowgroups admins wheel\n", "bob", "198.51.100.10", "bob", "wheel")!.Refused);
            Assert.False(Decide("port 22\n", "bob", "198.51.100.10", null)!.Refused);
        }
    }
}
