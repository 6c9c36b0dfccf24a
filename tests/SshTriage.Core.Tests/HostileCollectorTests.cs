using System;
using System.IO;
using SshTriage.Evidence;
using SshTriage.Server;
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
}
