using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// A cause may be ruled out (Cleared) only by the evidence that decides it: the effective
    /// configuration for AllowUsers, the listeners for "not running", the probe for what only
    /// a connection shows. Every rule is run over every captured bundle with its deciding
    /// sources taken away (one of each set that could decide), and must then have nothing to clear.
    /// </summary>
    public class ClearedNeedsItsSourceTests
    {
        private const string Probe = "probe";
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");

        // What decides each cause: sets of sources, each enough on its own, every source of a
        // set needed. A log line's absence decides nothing: TCP wrappers are decided by
        // hosts.allow and hosts.deny, which the collector does not read yet.
        private static readonly Dictionary<RejectCause, string[][]> DecidingSources = new Dictionary<RejectCause, string[][]>
        {
            [RejectCause.SshdNotRunning] = new[] { new[] { CollectorSections.Names.Listeners } },
            [RejectCause.NotListeningOnPort] = new[] { new[] { CollectorSections.Names.Listeners } },
            [RejectCause.NotListeningOnAddress] = new[] { new[] { CollectorSections.Names.Listeners } },
            [RejectCause.SocketActivationOverride] = new[] { new[] { CollectorSections.Names.SystemdSockets } },
            [RejectCause.SELinuxPortDenied] = new[] { new[] { CollectorSections.Names.SELinux } },
            [RejectCause.SshdConfigInvalid] = new[] { new[] { CollectorSections.Names.SshdConfigTest } },
            [RejectCause.FirewallDrop] = new[] { Firewall },
            [RejectCause.FirewallReject] = new[] { Firewall },
            [RejectCause.IptablesBackendSplit] = new[] { Firewall },
            [RejectCause.Fail2BanBan] = new[] { new[] { Fail2Ban.Fail2BanSections.Names.Fail2Ban } },
            [RejectCause.Fail2BanGatewayBanned] = new[] { new[] { Fail2Ban.Fail2BanSections.Names.Fail2Ban } },
            [RejectCause.Fail2BanBanIneffective] = new[] { new[] { Fail2Ban.Fail2BanSections.Names.Fail2Ban } },
            [RejectCause.Fail2BanWrongPort] = new[] { new[] { Fail2Ban.Fail2BanSections.Names.Fail2Ban } },
            [RejectCause.Fail2BanBanNotEnforced] = new[] { Firewall.Concat(new[] { Fail2Ban.Fail2BanSections.Names.Fail2Ban, SshTriage.Firewall.FirewallSections.Names.Ipset }).ToArray() },
            [RejectCause.TcpWrappersDenied] = System.Array.Empty<string[]>(),
            [RejectCause.AlgorithmMismatch] = System.Array.Empty<string[]>(),
            [RejectCause.UserNotAllowed] = new[] { new[] { ClientSections.ConfigForClient } },
            [RejectCause.RefusedByConfig] = new[] { new[] { ClientSections.ConfigForClient } },
            [RejectCause.MaxStartupsThrottled] = new[] { new[] { Probe } },
            [RejectCause.PerSourcePenalty] = new[] { new[] { Probe } },
            [RejectCause.NotSshService] = new[] { new[] { Probe }, new[] { CollectorSections.Names.Listeners } },
            [RejectCause.UpstreamFilter] = new[] { new[] { Probe } },
            [RejectCause.AuthorizedKeysPermissions] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.PublicKeyNotAuthorized] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.KeyTypeNotAccepted] = new[] { new[] { ClientSections.ConfigForClient } },
            [RejectCause.RootLoginRefused] = new[] { new[] { ClientSections.ConfigForClient } },
            [RejectCause.AccountLocked] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.AccountExpired] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.ShellInvalid] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.NologinActive] = new[] { new[] { Accounts.AccountSections.Names.Account } },
            [RejectCause.PasswordAuthDisabled] = new[] { new[] { ClientSections.ConfigForClient } },
            [RejectCause.TooManyAuthFailures] = System.Array.Empty<string[]>(),
            [RejectCause.HostKeyChanged] = new[] { new[] { Probe }, new[] { ClientSections.HostKeys } },
            [RejectCause.LoginGraceTimeExceeded] = System.Array.Empty<string[]>(),
            [RejectCause.LoginDelayDns] = new[] { new[] { ClientSections.ConfigForClient }, new[] { ClientSections.ReverseLookupSection } },
            [RejectCause.EmptyPasswordRefused] = new[] { new[] { Accounts.AccountSections.Names.Account }, new[] { ClientSections.ConfigForClient } },
        };

        private static string[] Firewall => new[] { SshTriage.Firewall.FirewallSections.Names.IptablesSave, SshTriage.Firewall.FirewallSections.Names.NftJson };

        public static IEnumerable<object[]> Bundles() =>
            Directory.GetFiles(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles"), "*.txt").Select(p => new object[] { Path.GetFileName(p) });

        // A bundle with some sections taken out; "probe" out means no probe ran, in means the
        // lab's captured probe of an open port from the client.
        private static DiagnosisContext Context(string bundle, string user, params string[] without)
        {
            var text = File.ReadAllText(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", bundle));
            foreach (var section in without.Where(s => s != Probe))
            {
                // Format 1 puts the exit code on the section's first line, format 2 on its end line.
                text = Regex.Replace(text, @"^(#%[0-9a-f]+) section " + Regex.Escape(section) + @"(?: [^\n]*)?\n.*?^\1 end(?: [^\n]*)?\n", string.Empty, RegexOptions.Multiline | RegexOptions.Singleline);
            }

            var window = without.Contains(Probe) ? null : RemoteProbeOrigin.Parse("client", "198.51.100.20", 22, Fixture.Load("probe/open.txt").Output);
            return new DiagnosisContext(new ServerEvidence("web01", EvidenceBundle.Parse(text, bundle)), 22, Client, user, window, null);
        }

        [Theory]
        [MemberData(nameof(Bundles))]
        public void NoRuleClearsItsCauseWithoutTheSourceThatDecidesIt(string bundle)
        {
            foreach (var rule in Diagnoser.Rules.Concat(Diagnoser.HopRules))
            {
                Assert.True(DecidingSources.TryGetValue(rule.Cause, out var sets), $"{rule.Cause}: no deciding source pinned in this test");
                foreach (var without in OneOfEach(sets!))
                {
                    var context = Context(bundle, "bob", without);
                    Assert.True(rule.Checked(context) == null, $"{bundle}: {rule.GetType().Name} clears {rule.Cause} without {string.Join(", ", without)}: {rule.Checked(context)}");
                }
            }
        }

        // Every way to take one source out of each set (no set: nothing to take out).
        private static IEnumerable<string[]> OneOfEach(string[][] sets) =>
            sets.Aggregate(new[] { System.Array.Empty<string>() }.AsEnumerable(), (ways, set) => ways.SelectMany(w => set.Select(s => w.Concat(new[] { s }).ToArray())));

        [Fact]
        public void WithTheirSourcesTheRulesDoRuleOut()
        {
            // alice passes AllowUsers alice carol; the probe got a banner; nothing blocks.
            var cleared = Diagnoser.Diagnose(Context("allowusers-quiet-bob-root.txt", "alice"), includeCleared: true)
                .Where(c => c.Confidence == CauseConfidence.Cleared).Select(c => c.Cause).ToList();

            Assert.Contains(RejectCause.UserNotAllowed, cleared);
            Assert.Contains(RejectCause.RefusedByConfig, cleared);
            Assert.Contains(RejectCause.SshdNotRunning, cleared);
            Assert.Contains(RejectCause.FirewallDrop, cleared);
            Assert.Contains(RejectCause.NotSshService, cleared);
            Assert.Contains(RejectCause.PerSourcePenalty, cleared);
            Assert.DoesNotContain(RejectCause.TcpWrappersDenied, cleared);
        }

        [Fact]
        public void AMissingLogLineRulesOutNoUser()
        {
            // bob has no "not allowed" line in this log, but AllowUsers alice carol refuses him.
            var causes = Diagnoser.Diagnose(Context("allowusers-quiet-bob-root.txt", "bob"), includeCleared: true);

            var first = causes.First();
            Assert.Equal((RejectCause.UserNotAllowed, CauseConfidence.Likely), (first.Cause, first.Confidence));
            Assert.Contains("not listed in AllowUsers", first.Summary);
            Assert.Contains(first.Evidence, e => e.Command == "sshd -T -C user=bob,host=198.51.100.10,addr=198.51.100.10,lport=22" && e.Excerpt == "allowusers alice; allowusers carol");
        }
    }
}
