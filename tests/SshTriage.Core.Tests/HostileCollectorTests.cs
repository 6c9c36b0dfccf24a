using System;
using System.IO;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Tests.Lab;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>The collector run by real shells in an environment someone else set up: PATH, shell options, /tmp.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class HostileCollectorTests : IDisposable
    {
        private static readonly CollectorSection[] Sections =
        {
            CollectorSections.Meta,
            CollectorSections.SELinux,
            new CollectorSection("plain", null, "printf 'one\\ntwo\\n'"),
            new CollectorSection("missing", "sshtriage-no-such-tool", "sshtriage-no-such-tool"),
            new CollectorSection("fails", null, "false"),
            new CollectorSection("pipeline", null, "false | cat; echo \"$SSHTRIAGE_NO_SUCH_VARIABLE\" | cat"),
            new CollectorSection("unset", null, "printf '%s\\n' \"${SSHTRIAGE_NO_SUCH_VARIABLE:-unset}\""),
            new CollectorSection("after", null, "echo still-running"),
        };

        // Programs the collector and its compressed wrapper call, planted where a PATH with an
        // empty or relative entry would find them.
        private static readonly string[] Planted = { "getenforce", "mktemp", "cat", "id", "hostname", "uname", "date", "rm", "gzip", "base64", "sha256sum", "cut", "sh", "grep", "sshtriage-no-such-tool" };

        private readonly string folder = Directory.CreateTempSubdirectory("sshtriage-path-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private string Marker => Path.Combine(folder, "planted-program-ran");

        private void Plant(string directory)
        {
            Directory.CreateDirectory(directory);
            foreach (var name in Planted)
            {
                var file = Path.Combine(directory, name);
                File.WriteAllText(file, "#!/bin/sh\necho " + name + " >> '" + Marker + "'\necho Enforcing\n");
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public static TheoryData<string, string> ShellsAndPaths()
        {
            var data = new TheoryData<string, string>();
            foreach (var shell in new[] { "/bin/dash", "/bin/bash", "/bin/busybox" })
            {
                if (File.Exists(shell))
                {
                    foreach (var path in new[] { string.Empty, ".", "bin", "/usr/bin::/bin", "bin:/usr/bin" })
                    {
                        data.Add(shell, path);
                    }
                }
            }

            return data;
        }

        private static string[] ShellArguments(string shell, string path) =>
            shell.EndsWith("busybox", StringComparison.Ordinal)
                ? new[] { "PATH=" + path, shell, "sh", "-s" }
                : new[] { "PATH=" + path, shell, "-s" };

        public static TheoryData<string, string> ShellsAndOptions()
        {
            var data = new TheoryData<string, string>();
            foreach (var shell in new[] { "/bin/dash", "/bin/bash", "/bin/busybox" })
            {
                if (File.Exists(shell))
                {
                    foreach (var options in new[] { "-e", "-u", "-eu", "-ex", "-ef" })
                    {
                        data.Add(shell, options);
                    }
                }
            }

            if (File.Exists("/bin/bash"))
            {
                data.Add("/bin/bash", "-euo pipefail");
            }

            return data;
        }

        private static string[] WithOptions(string shell, string options)
        {
            var words = options.Split(' ');
            return shell.EndsWith("busybox", StringComparison.Ordinal)
                ? new[] { "sh" }.Concat(words).Append("-s").ToArray()
                : words.Append("-s").ToArray();
        }

        // What every run must show, whatever the shell and its options: every section, each
        // with its own exit code, and the last one run too.
        private static void AssertComplete(ProcessOutcome outcome, string what)
        {
            Assert.True(outcome.ExitCode == 0, $"{what} exited {outcome.ExitCode}: {outcome.StandardError}");
            var bundle = EvidenceBundle.Parse(outcome.StandardOutput, what);
            Assert.Equal("one\ntwo\n", bundle["plain"]!.StandardOutput);
            Assert.Equal(1, bundle["fails"]!.ExitCode);
            Assert.Equal("unset\n", bundle["unset"]!.StandardOutput);
            Assert.Equal("sshtriage-no-such-tool", bundle["missing"]!.MissingTool);
            Assert.Equal("still-running\n", bundle["after"]!.StandardOutput);
            Assert.Equal(string.Empty, bundle["plain"]!.StandardError);
        }

        [Theory]
        [MemberData(nameof(ShellsAndOptions))]
        public void TheCallersShellOptionsChangeNothing(string shell, string options)
        {
            foreach (var (kind, script) in new[] { ("plain", CollectorScript.Build(Sections)), ("compressed", CollectorScript.Compressed(CollectorScript.Build(Sections))) })
            {
                AssertComplete(ProcessRunner.RunWithInput(folder, script, shell, TimeSpan.FromSeconds(30), WithOptions(shell, options)), $"{shell} {options}, {kind}");
            }
        }

        // /tmp (and in the second run every other folder the compressed collector tries)
        // read-only, in a mount namespace of the test's own: the machine's /tmp is untouched.
        [MountNamespaceFact]
        public void AReadOnlyTmpChangesNothingAndWithNowhereToWriteTheChecksumIsLeftOut()
        {
            foreach (var shell in new[] { "/bin/dash", "/bin/bash", "/bin/busybox" }.Where(File.Exists))
            {
                var run = shell.EndsWith("busybox", StringComparison.Ordinal) ? shell + " sh -s" : shell + " -s";
                var readOnlyTmp = "mount -t tmpfs -o ro tmpfs /tmp && exec " + run;
                AssertComplete(InNamespace(readOnlyTmp, CollectorScript.Build(Sections)), shell + ", read-only /tmp");

                var elsewhere = InNamespace(readOnlyTmp, CollectorScript.Compressed(CollectorScript.Build(Sections)));
                Assert.Matches("sha256=[0-9a-f]{64}", elsewhere.StandardOutput);
                AssertComplete(elsewhere, shell + ", read-only /tmp, compressed");

                var nowhere = InNamespace(
                    "for d in /tmp /dev/shm /var/tmp; do mount -t tmpfs -o ro tmpfs $d || exit 99; done; HOME=/nonexistent TMPDIR= exec " + run,
                    CollectorScript.Compressed(CollectorScript.Build(Sections)));
                Assert.Contains("sha256=none", nowhere.StandardOutput);
                Assert.Contains("no sha256", nowhere.StandardError);
                AssertComplete(nowhere, shell + ", nowhere to write, compressed");
            }
        }

        private ProcessOutcome InNamespace(string setup, string script) =>
            ProcessRunner.RunWithInput(folder, script, "unshare", TimeSpan.FromSeconds(60), "-m", "--propagation", "private", "/bin/sh", "-c", setup);

        [Theory]
        [MemberData(nameof(ShellsAndPaths))]
        public void NoProgramRunsFromTheCurrentDirectory(string shell, string path)
        {
            Plant(folder);
            Plant(Path.Combine(folder, "bin"));
            foreach (var script in new[] { CollectorScript.Build(Sections), CollectorScript.Compressed(CollectorScript.Build(Sections)) })
            {
                var outcome = ProcessRunner.RunWithInput(folder, script, "/usr/bin/env", TimeSpan.FromSeconds(30), ShellArguments(shell, path));

                Assert.False(File.Exists(Marker), $"{shell} with PATH='{path}' ran {(File.Exists(Marker) ? File.ReadAllText(Marker).Trim() : null)} from {folder}");
                Assert.Equal(0, outcome.ExitCode);
                var bundle = EvidenceBundle.Parse(outcome.StandardOutput, shell);
                Assert.Equal("one\ntwo\n", bundle["plain"]!.StandardOutput);
                Assert.Equal("sshtriage-no-such-tool", bundle["missing"]!.MissingTool);
                Assert.DoesNotContain("Enforcing", bundle[CollectorSections.Names.SELinux]!.StandardOutput);
            }
        }
    }

    /// <summary>A fact that needs a mount namespace of its own (root and unshare), and says so where there is none.</summary>
    internal sealed class MountNamespaceFactAttribute : FactAttribute
    {
        public MountNamespaceFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || !string.Equals(Environment.UserName, "root", StringComparison.Ordinal) || !File.Exists("/usr/bin/unshare"))
            {
                Skip = "A read-only /tmp is made in a mount namespace of the test's own: that needs Linux, root and unshare.";
            }
        }
    }
}
