using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Firewall;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Rate limits decided from their state: bundles collected in the lab right after each
    /// scenario's burst of connections (ufw's limit and a plain -m recent guard keep hits in
    /// /proc/net/xt_recent, hashlimit its credit in /proc/net/ipt_hashlimit).
    /// </summary>
    public class RateLimitTests
    {
        private static ServerEvidence Bundle(string name) =>
            new ServerEvidence("web01", EvidenceBundle.Load(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", name)));

        private static System.Collections.Generic.IReadOnlyList<SshRejectCause> Diagnose(string bundle, string client) =>
            Diagnoser.Diagnose(new DiagnosisContext(Bundle(bundle), 22, IPAddress.Parse(client), null, null, null));

        [Theory]
        [InlineData("fw-ufw-limit-root.txt", "198.51.100.10", RejectCause.FirewallReject, "/proc/net/xt_recent/DEFAULT")]
        [InlineData("fw-ufw-limit-root.txt", "2001:db8:100::10", RejectCause.FirewallReject, "/proc/net/xt_recent/DEFAULT")]
        [InlineData("fw-recent-drop-root.txt", "198.51.100.10", RejectCause.FirewallDrop, "/proc/net/xt_recent/SSH")]
        [InlineData("fw-hashlimit-root.txt", "198.51.100.10", RejectCause.FirewallReject, "/proc/net/ipt_hashlimit/sshlimit")]
        public void AClientOverTheLimitIsRefusedAndItsStateIsQuoted(string bundle, string client, RejectCause cause, string state)
        {
            var first = Diagnose(bundle, client).First();

            Assert.Equal((cause, CauseConfidence.Confirmed), (first.Cause, first.Confidence));
            Assert.StartsWith("A rate limit", first.Summary);
            Assert.Contains(first.Evidence, e => e.Command == state);
        }

        [Fact]
        public void UfwsLimitCountsTheHitsInItsWindowAndTheNewConnectionsOwn()
        {
            var first = Diagnose("fw-ufw-limit-root.txt", "198.51.100.10").First();

            Assert.Contains("5 hits in the last 30 s in the list DEFAULT (a new connection adds one and is refused from 6)", first.Summary);
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("--update --seconds 30 --hitcount 6"));
            Assert.Contains(first.Evidence, e => e.Excerpt.Contains("ufw-user-limit rule 2: -A ufw-user-limit -j REJECT"));
        }

        [Fact]
        public void ASourceTheListDoesNotHoldIsNotRefusedByIt()
        {
            Assert.DoesNotContain(Diagnose("fw-ufw-limit-root.txt", "198.51.100.99"), c => c.Summary.StartsWith("A rate limit", System.StringComparison.Ordinal));
        }

        [Fact]
        public void TheKernelClockDatesTheHits()
        {
            var record = Bundle("fw-ufw-limit-root.txt").Bundle[FirewallSections.Names.RateLimits]!;
            var state = RateLimitState.Parse(record.StandardOutput);

            Assert.Equal(250, state.Hz);
            Assert.Equal(2, state.Recent["DEFAULT"].Count);
            Assert.Equal(IPAddress.Parse("2001:db8:100::10"), state.Recent["DEFAULT"][1].Source);
            Assert.Equal(5, state.Recent["DEFAULT"][0].Stamps.Count);
        }
    }
}
