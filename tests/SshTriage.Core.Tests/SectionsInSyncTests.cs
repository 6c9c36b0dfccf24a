using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Firewall;
using SshTriage.Net;
using SshTriage.Operations;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Every section a cmdlet reads is one a collector writes: a saved bundle (Save-SshTriageEvidence,
    /// the full collector) answers every cmdlet, and each reader declares all it reads. A section
    /// left out of its domain's list, or read without being declared, fails here rather than making
    /// -EvidencePath return nothing.
    /// </summary>
    public class SectionsInSyncTests
    {
        private static readonly IPAddress Client = IPAddress.Parse("198.51.100.10");

        // What the full collector writes, by name.
        private static readonly HashSet<string> Saved = new HashSet<string>(CollectorSections.All.Select(s => s.Name), StringComparer.Ordinal);

        // Each server-side cmdlet's plan, with its filters given so that the sections they shape are there too.
        private static readonly Dictionary<string, EvidencePlan> Plans = new Dictionary<string, EvidencePlan>
        {
            ["Get-SshListener"] = EvidencePlans.Listeners(null),
            ["Get-SshdConfig"] = EvidencePlans.SshdConfig("bob", "client.example", Client),
            ["Get-SshLogEvent"] = EvidencePlans.SshLog(new SshLogFilter(Client, "bob", null, 10)),
            ["Get-Fail2BanJail"] = EvidencePlans.Fail2BanJails(null),
            ["Get-Fail2BanBan"] = EvidencePlans.Fail2BanBans(null, IPPrefix.Parse("198.51.100.0/24")),
            ["Get-FirewallRule"] = EvidencePlans.FirewallRules(new FirewallRuleFilter(22, null, null, null, null)),
            ["Test-FirewallAccess"] = EvidencePlans.FirewallAccess(new PacketQuery(Client, 22, "tcp", null)),
            ["Find-SshRejectCause"] = EvidencePlans.RejectCauses(new CauseSearch()),
        };

        public static TheoryData<string> Cmdlets()
        {
            var data = new TheoryData<string>();
            foreach (var name in Plans.Keys)
            {
                data.Add(name);
            }

            return data;
        }

        public static TheoryData<string, string> CmdletsAndBundles()
        {
            var data = new TheoryData<string, string>();
            foreach (var name in Plans.Keys)
            {
                foreach (var bundle in Directory.GetFiles(Bundles, "*.txt").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal))
                {
                    data.Add(name, bundle!);
                }
            }

            return data;
        }

        private static string Bundles => RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles");

        [Fact]
        public void TheFullCollectorWritesEachSectionOnce()
        {
            var names = CollectorSections.All.Select(s => s.Name).ToList();

            Assert.Equal(names.Distinct(StringComparer.Ordinal), names);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void APlanAsksForEachSectionOnceAndLeavesTheMetaSectionToTheQuery(string cmdlet)
        {
            var names = Plans[cmdlet].Sections.Select(s => s.Name).ToList();

            Assert.DoesNotContain(CollectorSections.Names.Meta, names);
            Assert.Equal(names.Distinct(StringComparer.Ordinal), names);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void EverySectionACmdletReadsIsOneTheFullCollectorWrites(string cmdlet)
        {
            var unwritten = Plans[cmdlet].Sections.Select(s => s.Name).Where(n => !Saved.Contains(n)).ToList();

            Assert.True(unwritten.Count == 0, $"{cmdlet} reads {string.Join(", ", unwritten)}, which no full collection writes: add it to its domain's Collected list.");
        }

        [Fact]
        public void WhatTheProbesPauseAndTheHopsReadIsWrittenByTheFullCollectorToo()
        {
            var pause = EvidencePlans.RejectCauses(new CauseSearch { Probe = true }).Pause!;
            var before = pause.Before.Select(s => s.Name).ToList();
            Assert.All(before, name => Assert.StartsWith(Correlation.BeforePrefix, name, StringComparison.Ordinal));

            var read = before.Select(n => n.Substring(Correlation.BeforePrefix.Length)).Concat(CauseReader.HopSections.Select(s => s.Name));
            Assert.All(read, name => Assert.Contains(name, Saved));
        }

        [Fact]
        public void AKnownClientAddsOnlyItsOwnSections()
        {
            var search = new CauseSearch { ClientAddress = Client, ClientUser = "bob" };
            var extra = EvidencePlans.RejectCauses(search).Sections.Select(s => s.Name).Where(n => !Saved.Contains(n));

            Assert.Equal(ClientSections.For(Client, "bob", 22).Select(s => s.Name), extra);
        }

        [Theory]
        [MemberData(nameof(CmdletsAndBundles))]
        public void ACmdletReadsNothingItDoesNotDeclare(string cmdlet, string bundle)
        {
            // The cause collector's bundles hold a client's sections: read them as it was asked, with a client.
            var plan = cmdlet == "Find-SshRejectCause" ? EvidencePlans.RejectCauses(new CauseSearch { ClientAddress = Client, ClientUser = "bob" }) : Plans[cmdlet];
            var whole = EvidenceBundle.Load(Path.Combine(Bundles, bundle));
            var declared = new HashSet<string>(plan.Sections.Select(s => s.Name).Append(CollectorSections.Names.Meta), StringComparer.Ordinal);
            var cut = new EvidenceBundle(
                whole.Version,
                whole.Records.Where(r => declared.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
                whole.Source);

            Assert.Equal(Describe(plan.Read(new ServerEvidence("web01", whole))), Describe(plan.Read(new ServerEvidence("web01", cut))));
        }

        // Each output object as its type and public values: enough to see that two readings differ.
        private static List<string> Describe(IEnumerable<object> output) => output.Select(item => item is TriageError error
            ? $"{error.ErrorId}: {error.Exception.Message}"
            : item.GetType().Name + " " + string.Join("; ", item.GetType().GetProperties()
                .Where(p => p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + Text(p.GetValue(item))))).ToList();

        private static string Text(object? value) => value switch
        {
            null => "null",
            string text => text,
            IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
            _ => value.ToString() ?? string.Empty,
        };
    }
}
