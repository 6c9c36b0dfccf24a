using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Evidence;
using SshTriage.Fail2Ban;
using SshTriage.Firewall;
using SshTriage.Probing;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Bundles captured in the lab (and bundles of the lab's firewall captures), damaged the
    /// ways a console, a disk or a hostile server damages them: cut short, characters changed,
    /// numbers out of range or in other digits, lines dropped or doubled, sections emptied or
    /// missing. Every reader of every cmdlet must end in objects or error records.
    /// </summary>
    public class HostileBundleTests
    {
        private static readonly string[] Captured =
        {
            "f2b-gateway-banned-root", "f2b-nftables-root", "failed-logins-root", "invalid-config-root", "moved-port-sudo", "open-nonroot", "open-root",
        };

        // The lab's firewall captures, each put in a bundle the way the collector frames them.
        private static readonly string[] Firewalls =
        {
            "fw-docker-style", "fw-firewalld", "fw-iptables-chains", "fw-iptables-policy-drop", "fw-legacy-split", "fw-nft-sets", "fw-ufw-deny", "fw-ufw-limit",
        };

        // SELinux cannot run in the lab: getenforce's word and semanage's line as the tools print
        // them, with sshd's bind failure, in a bundle of their own.
        private const string SELinux = "selinux";

        private static readonly string[] Numbers = { "99999999999999999999", "2147483648", "4294967296", "-1", "\u0663\u0663", "0x10", "1e9", string.Empty };

        private static readonly char[] Characters = { '\0', '\r', '\n', ' ', ':', '"', '{', '}', '[', ']', '\u0663', '9', '-', '/', '%', '\uFFFD', 'x' };

        public static TheoryData<string> Bundles()
        {
            var data = new TheoryData<string>();
            foreach (var name in Captured.Concat(Firewalls).Append(SELinux))
            {
                data.Add(name);
            }

            return data;
        }

        private static string Load(string name) =>
            name == SELinux ? SELinuxBundle()
            : Captured.Contains(name) ? File.ReadAllText(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", name + ".txt"))
            : FirewallBundle(name);

        private static string SELinuxBundle() => BundleText.Of(new[]
        {
            ("meta", BundleText.RootMeta),
            (CollectorSections.Names.SELinux, "Enforcing\nssh_port_t                     tcp      2222-2230, 22\n"),
            (CollectorSections.Names.SshdEffectiveConfig, "port 2222\nport 22\n"),
            (CollectorSections.Names.SshdLog, "source=/var/log/secure\nNov 21 09:58:02 web01 sshd[812]: error: Bind to port 2222 on 0.0.0.0 failed: Permission denied.\n"),
            (CollectorSections.Names.Listeners, "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:((\"sshd\",pid=812,fd=3))\n"),
        });

        private static string? Capture(string relative)
        {
            var path = RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", relative);
            return File.Exists(path) ? Fixture.Load(relative).Output : null;
        }

        private static string FirewallBundle(string name)
        {
            var saves = new StringBuilder();
            foreach (var (tool, file) in new[] { ("iptables-save", name), ("ip6tables-save", name + "-v6"), ("iptables-legacy-save", name + "-legacy"), ("ip6tables-legacy-save", name + "-legacy-v6") })
            {
                if (Capture("iptables/" + file + ".txt") is string rules)
                {
                    saves.Append("@@sst query ").Append(tool).Append('\n').Append(rules).Append("@@sst exit 0\n");
                }
            }

            var sections = new List<(string, string)> { ("meta", BundleText.RootMeta), (FirewallSections.Names.IptablesSave, saves.ToString()) };
            foreach (var (section, file) in new[]
            {
                (FirewallSections.Names.NftJson, "nft/" + name + "-json.txt"),
                (FirewallSections.Names.Ufw, "ufw/" + name + "-status-verbose.txt"),
                (FirewallSections.Names.Firewalld, "firewalld/" + name + "-list-all-zones.txt"),
                (FirewallSections.Names.Ipset, "fail2ban/ipset-ipset-list.txt"),
            })
            {
                if (Capture(file) is string output)
                {
                    sections.Add((section, output));
                }
            }

            return BundleText.Of(sections);
        }

        // What every server-side cmdlet reads from a bundle, Find-SshRejectCause's diagnosis included.
        private static IEnumerable<object> ReadEverything(ServerEvidence evidence) =>
            new ListenerReader(null).Read(evidence)
                .Concat(new SshdConfigReader(null, null, null).Read(evidence))
                .Concat(new SshLogReader(new SshLogFilter(null, null, null, null)).Read(evidence))
                .Concat(new Fail2BanReader(null).ReadJails(evidence))
                .Concat(new Fail2BanReader(null).ReadBans(evidence))
                .Concat(new FirewallReader(new FirewallRuleFilter(null, null, null, null, null)).ReadRules(evidence))
                .Concat(FirewallReader.ReadVerdict(evidence, new PacketQuery(IPAddress.Parse("198.51.100.10"), 22, "tcp", null)))
                .Concat(FirewallReader.ReadVerdict(evidence, new PacketQuery(IPAddress.Parse("2001:db8:100::10"), 22, "tcp", null)))
                .Concat(new CauseReader(22, IPAddress.Parse("198.51.100.10"), "root", null).Read(evidence));

        /// <summary>Damaged copies of <paramref name="text"/>, the same for the same seed.</summary>
        internal static IEnumerable<(string What, string Text)> Mutations(string text, Random random)
        {
            for (var i = 1; i <= 30; i++)
            {
                var cut = text.Length * i / 31;
                yield return ($"cut at {cut}", text.Substring(0, cut));
            }

            for (var i = 0; i < 120; i++)
            {
                var at = random.Next(text.Length);
                var c = Characters[random.Next(Characters.Length)];
                yield return ($"character {at} made U+{(int)c:X4}", text.Substring(0, at) + c + text.Substring(at + 1));
            }

            var runs = DigitRuns(text).ToList();
            foreach (var (start, length) in runs.OrderBy(_ => random.Next()).Take(80))
            {
                foreach (var number in Numbers)
                {
                    yield return ($"number at {start} made '{number}'", text.Substring(0, start) + number + text.Substring(start + length));
                }
            }

            var lines = text.Split('\n');
            for (var i = 0; i < 40; i++)
            {
                var at = random.Next(lines.Length);
                yield return ($"line {at + 1} dropped", string.Join("\n", lines.Take(at).Concat(lines.Skip(at + 1))));
                yield return ($"line {at + 1} doubled", string.Join("\n", lines.Take(at + 1).Concat(lines.Skip(at))));
            }

            foreach (var (name, emptied, dropped) in SectionEdits(lines))
            {
                yield return ($"section {name} emptied", emptied);
                yield return ($"section {name} dropped", dropped);
            }

            yield return ("CRLF line ends", text.Replace("\n", "\r\n"));
        }

        private static IEnumerable<(int Start, int Length)> DigitRuns(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] >= '0' && text[i] <= '9')
                {
                    var start = i;
                    while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                    {
                        i++;
                    }

                    yield return (start, i - start);
                }
            }
        }

        private static IEnumerable<(string Name, string Emptied, string Dropped)> SectionEdits(string[] lines)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var words = lines[i].Split(' ');
                if (words.Length != 4 || !words[0].StartsWith("#%", StringComparison.Ordinal) || words[1] != "section" || !words[3].StartsWith("exit=", StringComparison.Ordinal))
                {
                    continue;
                }

                var stderr = Array.IndexOf(lines, words[0] + " stderr", i);
                var end = Array.IndexOf(lines, words[0] + " end", i);
                if (stderr < 0 || end < 0)
                {
                    continue;
                }

                yield return (
                    words[2],
                    string.Join("\n", lines.Take(i + 1).Concat(new[] { string.Empty }).Concat(lines.Skip(stderr))),
                    string.Join("\n", lines.Take(i).Concat(lines.Skip(end + 1))));
            }
        }

        [Theory]
        [MemberData(nameof(Bundles))]
        public void EveryDamagedBundleEndsInObjectsOrErrors(string name)
        {
            var original = Load(name);
            var failures = new List<string>();
            var cases = 0;
            foreach (var (what, text) in Mutations(original, new Random(13)).Prepend(("as captured", original)))
            {
                cases++;
                EvidenceBundle bundle;
                try
                {
                    bundle = EvidenceBundle.Parse(text, name);
                }
                catch (EvidenceFormatException)
                {
                    continue;
                }
                catch (Exception unexpected)
                {
                    failures.Add($"{what}: reading the bundle threw {unexpected.GetType().Name}: {unexpected.Message}");
                    continue;
                }

                try
                {
                    foreach (var item in ReadEverything(new ServerEvidence(name, bundle)))
                    {
                        Assert.NotNull(item);
                    }
                }
                catch (Exception unexpected)
                {
                    failures.Add($"{what}: a reader threw {unexpected.GetType().Name}: {unexpected.Message}{Environment.NewLine}{unexpected.StackTrace}");
                }
            }

            Assert.True(cases > 300, $"only {cases} cases");
            Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases of {name} threw:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
        }

        // A saved bundle is read from its UTF-8 bytes, each section decoded straight into its
        // string; text is read a line at a time. Both must read every bundle alike, damaged or
        // not, and a file in another encoding by its byte order mark.
        [Theory]
        [MemberData(nameof(Bundles))]
        public void ASavedBundleReadsAsItsTextDoes(string name)
        {
            var original = Load(name);
            var path = Path.Combine(Path.GetTempPath(), $"sshtriage-saved-{Guid.NewGuid():N}.txt");
            try
            {
                var cases = Mutations(original, new Random(17)).Where((_, i) => i % 5 == 0).Prepend(("as captured", original))
                    .Select(c => (c.Item1, c.Item2, Encoding.UTF8.GetBytes(c.Item2)))
                    .Append(("with a UTF-8 byte order mark", original, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(original)).ToArray()))
                    .Append(("as UTF-16", original, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(original)).ToArray()))
                    .Append(("mark-led lines and CRs in an output", WithOddLines(original), Encoding.UTF8.GetBytes(WithOddLines(original))));
                var invalid = Encoding.UTF8.GetBytes(original).Select((b, i) => i % 997 == 500 ? (byte)0xC3 : b).ToArray();
                cases = cases.Append(("bytes that are no UTF-8", Encoding.UTF8.GetString(invalid), invalid));
                foreach (var (what, text, bytes) in cases.Where(c => c.Item2.Length > 0))
                {
                    File.WriteAllBytes(path, bytes);
                    Assert.True(Same(() => EvidenceBundle.Parse(text, path), () => EvidenceBundle.Load(path)), $"{name}, {what}: the file reads otherwise than its text");
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        // Each output's first line doubled, once led by the bundle's mark and once ending in CRs.
        private static string WithOddLines(string text)
        {
            var mark = text.Substring(0, text.IndexOf(' ') + 1);
            return string.Join("\n", text.Split('\n').SelectMany(line => line.StartsWith(mark + "section ", StringComparison.Ordinal)
                ? new[] { line, mark + "pause not a marker", "a line\r\r" }
                : new[] { line }));
        }

        private static bool Same(Func<EvidenceBundle> text, Func<EvidenceBundle> file)
        {
            static object Read(Func<EvidenceBundle> read)
            {
                try
                {
                    var bundle = read();
                    return string.Join("\n", bundle.Records.Values.OrderBy(r => r.Name, StringComparer.Ordinal)
                        .Select(r => $"{r.Name}|{r.ExitCode}|{r.MissingTool}|{r.StandardOutput}|{r.StandardError}"));
                }
                catch (EvidenceFormatException unreadable)
                {
                    return unreadable.GetType().Name + ": " + unreadable.Message;
                }
            }

            return Equals(Read(text), Read(file));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\0\0\0\0")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=1\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=99999999999999999999\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=\u0661\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=1\n#%00112233445566778899 section x exit=99999999999\n\n#%00112233445566778899 stderr\n\n#%00112233445566778899 end\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=1\n#%00112233445566778899 section x exit=\u0661\n\n#%00112233445566778899 stderr\n\n#%00112233445566778899 end\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=2\n#%00112233445566778899 section x\n\n#%00112233445566778899 stderr\n\n#%00112233445566778899 end exit=99999999999\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=2\n#%00112233445566778899 section x\n\n#%00112233445566778899 stderr\n\n#%00112233445566778899 end\n#%00112233445566778899 done\n")]
        [InlineData("#%00112233445566778899 sshtriage-evidence version=2\n#%00112233445566778899 section x exit=0\n\n#%00112233445566778899 stderr\n\n#%00112233445566778899 end exit=0\n#%00112233445566778899 done\n")]
        [InlineData("#%sshtriage-compressed version=1 sha256=00\n!!!!\n#%sshtriage-compressed end\n")]
        [InlineData("#%sshtriage-compressed version=1 sha256=00\nH4sIAAAAAAAAA2NgYGBgBGIOBgYGAA==\n#%sshtriage-compressed end\n")]
        public void BrokenHeadersAreFormatErrors(string text)
        {
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(text, "b.txt"));
            Assert.Contains("b.txt", error.Message);
        }

        [Fact]
        public void ABundleOfHeaderAndLastLineReadsWithoutException()
        {
            var evidence = new ServerEvidence("web01", EvidenceBundle.Parse(BundleText.Header + BundleText.Done, "empty.txt"));
            var output = ReadEverything(evidence).ToList();
            Assert.NotEmpty(output);
        }

        [Theory]
        [InlineData("open")]
        [InlineData("refused")]
        [InlineData("timed-out")]
        [InlineData("not-ssh")]
        public void DamagedProbeOutputIsReadWithoutException(string fixture)
        {
            var output = Fixture.Load("probe/" + fixture + ".txt").Output;
            var cases = 0;
            foreach (var (what, text) in Mutations(output, new Random(13)))
            {
                cases++;
                var window = RemoteProbeOrigin.Parse("r1", "198.51.100.20", 22, text);
                Assert.True(window.Probes.All(p => p.ConnectTime == null || p.ConnectTime >= TimeSpan.Zero), what);
            }

            Assert.True(cases > 200, $"only {cases} cases");
        }

        [Fact]
        public void MangledCountsAndTimesInFail2BanAnswersAreLeftOut()
        {
            var fail2ban = "@@sst query status\nStatus\n|- Number of jail:\t1\n`- Jail list:\tsshd\n@@sst exit 0\n" +
                "@@sst jail sshd\n@@sst query status sshd\nStatus for the jail: sshd\n|- Filter\n|  |- Currently failed:\t99999999999\n|  `- Total failed:\t\u0663\n`- Actions\n   |- Currently banned:\t1\n   `- Banned IP list:\t198.51.100.7\n@@sst exit 0\n" +
                "@@sst query get sshd bantime\n99999999999999999\n@@sst exit 0\n@@sst query get sshd maxretry\n-99999999999\n@@sst exit x\n";
            var evidence = new ServerEvidence("web01", EvidenceBundle.Parse(BundleText.Of(new[] { ("meta", BundleText.RootMeta), ("fail2ban", fail2ban) }), "b"));

            var jail = Assert.Single(new Fail2BanReader(null).ReadJails(evidence).OfType<Fail2BanJail>());
            Assert.Null(jail.BanTime);
            Assert.Null(jail.MaxRetry);
        }
    }
}
