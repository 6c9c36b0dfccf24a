using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SshTriage.Diagnosis;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The ranking of causes: what explains another comes first and the explained result says so; otherwise by confidence.</summary>
    public class CauseRankingTests
    {
        private static SshRejectCause Cause(RejectCause cause, CauseConfidence confidence, string host = "web01") =>
            new SshRejectCause(host, 22, cause, confidence, cause + " was found.");

        [Fact]
        public void AnExplainingCauseComesFirstWhateverItsConfidence()
        {
            var ranked = CauseRanking.Rank(new[]
            {
                Cause(RejectCause.SshdNotRunning, CauseConfidence.Confirmed),
                Cause(RejectCause.FirewallDrop, CauseConfidence.Likely),
                Cause(RejectCause.SshdConfigInvalid, CauseConfidence.Likely),
            });

            Assert.Equal(new[] { RejectCause.SshdConfigInvalid, RejectCause.SshdNotRunning, RejectCause.FirewallDrop }, ranked.Select(c => c.Cause));
            Assert.Equal(RejectCause.SshdConfigInvalid, ranked[1].ExplainedBy);
            Assert.StartsWith("SshdNotRunning was found. Explained by SshdConfigInvalid: ", ranked[1].Summary);
            Assert.Null(ranked[0].ExplainedBy);
            Assert.Null(ranked[2].ExplainedBy);
        }

        [Fact]
        public void RankingLeavesTheFoundCausesAsTheyWereAndCopiesEverythingElseOfTheExplainedOne()
        {
            var found = new SshRejectCause("web01", 22, RejectCause.SshdNotRunning, CauseConfidence.Confirmed, "SshdNotRunning was found.")
            {
                ClientAddress = System.Net.IPAddress.Parse("198.51.100.10"),
                VisibleAddress = System.Net.IPAddress.Parse("203.0.113.1"),
                Symptom = SshPortStatus.Refused,
                Evidence = new[] { new CauseEvidence("web01", "ss -H -ltnp", "nothing on 22") },
                Remedy = "Start sshd.",
                RemedyCommand = "systemctl start ssh",
                Jail = "sshd",
                IPAddress = System.Net.IPAddress.Parse("203.0.113.1"),
                Subject = "the listener",
            };

            var explained = CauseRanking.Rank(new[] { found, Cause(RejectCause.SshdConfigInvalid, CauseConfidence.Likely) })[1];

            Assert.NotSame(found, explained);
            Assert.Null(found.ExplainedBy);
            Assert.Equal("SshdNotRunning was found.", found.Summary);
            Assert.Equal(RejectCause.SshdConfigInvalid, explained.ExplainedBy);
            var changed = new[] { nameof(SshRejectCause.ExplainedBy), nameof(SshRejectCause.Summary) };
            foreach (var property in typeof(SshRejectCause).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Where(p => !changed.Contains(p.Name)))
            {
                Assert.Equal(property.GetValue(found), property.GetValue(explained));
            }
        }

        [Fact]
        public void OtherwiseConfirmedThenLikelyThenPossibleInTheOrderFound()
        {
            var ranked = CauseRanking.Rank(new[]
            {
                Cause(RejectCause.UpstreamFilter, CauseConfidence.Possible),
                Cause(RejectCause.FirewallDrop, CauseConfidence.Likely),
                Cause(RejectCause.Fail2BanBan, CauseConfidence.Confirmed),
                Cause(RejectCause.FirewallReject, CauseConfidence.Likely),
            });

            Assert.Equal(new[] { RejectCause.Fail2BanBan, RejectCause.FirewallDrop, RejectCause.FirewallReject, RejectCause.UpstreamFilter }, ranked.Select(c => c.Cause));
            Assert.All(ranked, c => Assert.Null(c.ExplainedBy));
        }

        [Theory]
        [InlineData(RejectCause.PublicKeyNotAuthorized, RejectCause.TooManyAuthFailures)]
        [InlineData(RejectCause.PasswordAuthDisabled, RejectCause.EmptyPasswordRefused)]
        [InlineData(RejectCause.LoginDelayDns, RejectCause.LoginGraceTimeExceeded)]
        public void ALoginCauseComesBeforeTheOneItExplains(RejectCause explaining, RejectCause explained)
        {
            var ranked = CauseRanking.Rank(new[]
            {
                Cause(explained, CauseConfidence.Confirmed),
                Cause(explaining, CauseConfidence.Likely),
            });

            Assert.Equal(new[] { explaining, explained }, ranked.Select(c => c.Cause));
            Assert.Equal(explaining, ranked[1].ExplainedBy);
            Assert.Contains(CauseRanking.Explanations, e => e.Cause == explaining && e.Explains == explained && ranked[1].Summary.EndsWith(e.Why + ".", System.StringComparison.Ordinal));
        }

        [Fact]
        public void AnExplanationHoldsOnlyOnTheSameServer()
        {
            var ranked = CauseRanking.Rank(new[]
            {
                Cause(RejectCause.SshdNotRunning, CauseConfidence.Confirmed, "web01"),
                Cause(RejectCause.SshdConfigInvalid, CauseConfidence.Confirmed, "web02"),
            });

            Assert.Equal(RejectCause.SshdNotRunning, ranked[0].Cause);
            Assert.All(ranked, c => Assert.Null(c.ExplainedBy));
        }

        [Fact]
        public void NoCauseExplainsItselfThroughOthers()
        {
            // A cycle would leave its causes out of the ranking altogether.
            foreach (var start in CauseRanking.Explanations.Select(e => e.Cause).Distinct())
            {
                var seen = new HashSet<RejectCause>();
                var next = new Queue<RejectCause>(new[] { start });
                while (next.Count > 0)
                {
                    var current = next.Dequeue();
                    foreach (var explained in CauseRanking.Explanations.Where(e => e.Cause == current).Select(e => e.Explains))
                    {
                        Assert.NotEqual(start, explained);
                        if (seen.Add(explained))
                        {
                            next.Enqueue(explained);
                        }
                    }
                }
            }
        }
    }
}
