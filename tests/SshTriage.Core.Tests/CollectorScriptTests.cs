using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Evidence;
using SshTriage.Remote;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The collector script run by real shells, read back by the evidence reader.</summary>
    public class CollectorScriptTests
    {
        private static readonly CollectorSection[] Sections =
        {
            new CollectorSection("plain", null, "printf 'one\\ntwo\\n'"),
            new CollectorSection("no-newline", null, "printf 'tail'"),
            new CollectorSection("empty", null, "true"),
            new CollectorSection("both-streams", null, "echo out; echo err >&2; exit 3"),
            new CollectorSection("missing", "sshtriage-no-such-tool", "sshtriage-no-such-tool --version"),
            new CollectorSection("quoted", null, "printf '%s\\n' " + ShellQuote.Single("it's $(not) `run`; rm -rf /")),
            new CollectorSection("reads-no-stdin", null, "cat"),
            new CollectorSection("after", null, "echo still-running"),
        };

        public static TheoryData<string> Shells()
        {
            var data = new TheoryData<string>();
            foreach (var shell in new[] { "/bin/sh", "/bin/dash", "/bin/bash", "/bin/busybox" })
            {
                if (File.Exists(shell))
                {
                    data.Add(shell);
                }
            }

            return data;
        }

        private static async Task<string> RunCollectorAsync(string shell)
        {
            var arguments = shell.EndsWith("busybox", StringComparison.Ordinal) ? new[] { "sh", "-s" } : new[] { "-s" };
            var outcome = await ProcessRunner.RunAsync(shell, arguments, ScriptInput.Whole(CollectorScript.Build(Sections)), TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, outcome.ExitCode);
            return outcome.StandardOutput;
        }

        private static async Task<EvidenceBundle> Run(string shell) => EvidenceBundle.Parse(await RunCollectorAsync(shell), shell);

        [Theory]
        [MemberData(nameof(Shells))]
        public async Task APausedCollectorWaitsForTheRestAndReadsBeforeAndAfter(string shell)
        {
            var arguments = shell.EndsWith("busybox", StringComparison.Ordinal) ? new[] { "sh", "-s" } : new[] { "-s" };
            var marker = Path.Combine(Path.GetTempPath(), "sshtriage-pause-" + Guid.NewGuid().ToString("N"));
            const string Boundary = "0123456789abcdef";
            var before = new[] { new CollectorSection("before-file", null, "cat " + ShellQuote.Single(marker) + " 2>/dev/null || echo absent") };
            var after = new[] { new CollectorSection("file", null, "cat " + ShellQuote.Single(marker)) };
            var sawPause = false;
            try
            {
                var input = ScriptInput.Paused(CollectorScript.Paused(before, Boundary), CollectorScript.PauseLine(Boundary), _ =>
                {
                    // What happens between the parts: the first part has run, the rest has not.
                    sawPause = true;
                    File.WriteAllText(marker, "written during the pause\n");
                    return Task.FromResult(CollectorScript.Rest(after));
                });
                var outcome = await ProcessRunner.RunAsync(shell, arguments, input, TimeSpan.FromSeconds(30), CancellationToken.None);
                var bundle = EvidenceBundle.Parse(outcome.StandardOutput, shell);

                Assert.True(sawPause);
                Assert.Equal("absent\n", bundle["before-file"]!.StandardOutput);
                Assert.Equal("written during the pause\n", bundle["file"]!.StandardOutput);
                Assert.Equal("absent\n", bundle.WithPrefix("before-")["file"]!.StandardOutput);
            }
            finally
            {
                File.Delete(marker);
            }
        }

        [Fact]
        public async Task AScriptThatNeverPausesIsNotGivenTheRest()
        {
            var called = false;
            var input = ScriptInput.Paused("echo no pause here\n", "#%0123456789abcdef pause", _ =>
            {
                called = true;
                return Task.FromResult("echo rest\n");
            });

            var outcome = await ProcessRunner.RunAsync("/bin/sh", new[] { "-s" }, input, TimeSpan.FromSeconds(30), CancellationToken.None);

            Assert.False(called);
            Assert.Equal("no pause here\n", outcome.StandardOutput);
        }

        [Theory]
        [MemberData(nameof(Shells))]
        public async Task EverySectionComesBackExactly(string shell)
        {
            var bundle = await Run(shell);

            Assert.Equal(CollectorScript.FormatVersion, bundle.Version);
            Assert.Equal("one\ntwo\n", bundle["plain"]!.StandardOutput);
            Assert.Equal("tail", bundle["no-newline"]!.StandardOutput);
            Assert.Equal(string.Empty, bundle["empty"]!.StandardOutput);
            Assert.True(bundle["empty"]!.Succeeded);
            Assert.Equal(3, bundle["both-streams"]!.ExitCode);
            Assert.Equal("out\n", bundle["both-streams"]!.StandardOutput);
            Assert.Equal("err\n", bundle["both-streams"]!.StandardError);
            Assert.Null(bundle["missing"]!.ExitCode);
            Assert.Equal("sshtriage-no-such-tool", bundle["missing"]!.MissingTool);
            Assert.Equal("it's $(not) `run`; rm -rf /\n", bundle["quoted"]!.StandardOutput);
            Assert.Equal(string.Empty, bundle["reads-no-stdin"]!.StandardOutput);
            Assert.Equal("still-running\n", bundle["after"]!.StandardOutput);
        }

        private static async Task<string> RunCompressedAsync(string shell)
        {
            var arguments = shell.EndsWith("busybox", StringComparison.Ordinal) ? new[] { "sh", "-s" } : new[] { "-s" };
            var outcome = await ProcessRunner.RunAsync(shell, arguments, ScriptInput.Whole(CollectorScript.Compressed(CollectorScript.Build(Sections))), TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, outcome.ExitCode);
            return outcome.StandardOutput;
        }

        [Theory]
        [MemberData(nameof(Shells))]
        public async Task CompressedOutputUnpacksToTheSameSections(string shell)
        {
            var output = await RunCompressedAsync(shell);
            Assert.StartsWith(CollectorScript.CompressedHeader, output);

            var bundle = EvidenceBundle.Parse(output, shell);
            Assert.Equal("one\ntwo\n", bundle["plain"]!.StandardOutput);
            Assert.Equal("it's $(not) `run`; rm -rf /\n", bundle["quoted"]!.StandardOutput);
        }

        [Fact]
        public async Task AConsoleThatWrapsIndentsAndAddsCarriageReturnsDoesNotMatter()
        {
            var output = await RunCompressedAsync("/bin/sh");
            var wrapped = new System.Text.StringBuilder("admin@web01:~$ sh collector.sh\r\n");
            foreach (var line in output.Split('\n'))
            {
                if (line.StartsWith("#%", StringComparison.Ordinal))
                {
                    wrapped.Append(line).Append("\r\n");
                    continue;
                }

                for (var i = 0; i < line.Length; i += 40)
                {
                    wrapped.Append("  ").Append(line, i, Math.Min(40, line.Length - i)).Append("\r\n");
                }
            }

            Assert.Equal("one\ntwo\n", EvidenceBundle.Parse(wrapped.ToString(), "console")["plain"]!.StandardOutput);
        }

        [Fact]
        public async Task AChangedCharacterFailsTheChecksumOrTheDecoding()
        {
            var output = await RunCompressedAsync("/bin/sh");
            var lines = output.Split('\n');
            // A character well inside the deflate data (the first bytes are gzip's header, whose timestamp does not matter).
            var payload = lines[1].ToCharArray();
            payload[40] = payload[40] == 'A' ? 'B' : 'A';
            lines[1] = new string(payload);
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(string.Join("\n", lines), "bundle.txt"));
            Assert.Matches("checksum|cannot be decoded", error.Message);
        }

        [Fact]
        public async Task ATruncatedCompressedBundleSaysSo()
        {
            var output = await RunCompressedAsync("/bin/sh");
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(output.Substring(0, output.Length / 2), "bundle.txt"));
            Assert.Contains("truncated", error.Message);
        }

        [Fact]
        public async Task TextBeforeTheHeaderAndConsoleLineEndingsAreTolerated()
        {
            var original = await RunCollectorAsync("/bin/sh");
            var withBanner = "Welcome to web01\r\nAuthorized use only\n" + original.Replace("\n", "\r\n");
            Assert.Equal("one\ntwo\n", EvidenceBundle.Parse(withBanner, "console")["plain"]!.StandardOutput);
        }

        [Fact]
        public async Task ATruncatedBundleSaysSo()
        {
            var output = await RunCollectorAsync("/bin/sh");
            var cut = output.Substring(0, output.IndexOf("still-running", StringComparison.Ordinal));
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(cut, "bundle.txt"));
            Assert.Contains("truncated", error.Message);
            Assert.Contains("bundle.txt", error.Message);
        }

        [Fact]
        public void SomethingElseIsNotEvidence()
        {
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse("Nov 21 13:49:34 web01 sshd[1]: hello\n", "auth.log"));
            Assert.Contains("header line is missing", error.Message);
        }

        [Fact]
        public void ANewerFormatIsRefusedWithAnUpgradeHint()
        {
            var text = "#%0123456789abcdef sshtriage-evidence version=99\n#%0123456789abcdef done\n";
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(text, "new.txt"));
            Assert.Contains("Update SshTriage", error.Message);
        }

        [Fact]
        public void AMangledSectionHeaderIsReported()
        {
            var text = "#%0123456789abcdef sshtriage-evidence version=1\n#%0123456789abcdef sect1on x\n#%0123456789abcdef done\n";
            var error = Assert.Throws<EvidenceFormatException>(() => EvidenceBundle.Parse(text, "b.txt"));
            Assert.Contains("line 2", error.Message);
        }

        [Fact]
        public void SectionNamesAndToolsAreQuotedToo()
        {
            var script = CollectorScript.Build(new[] { new CollectorSection("x", "a'b", "true") }, "0123456789abcdef");
            Assert.Contains("sst_section 'x' 'a'\\''b' 'true'", script);
            Assert.Equal(1, script.Split('\n').Count(l => l.StartsWith("sst_section '", StringComparison.Ordinal)));
        }
    }
}
