using System;
using System.IO;
using SshTriage.Fail2Ban;
using SshTriage.Tests.Lab;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// The fail2ban section's command run by a real shell against a stand-in fail2ban-client: its queries
    /// run at once in a private folder from mktemp that it removes, or one after another where no
    /// folder can be made, with the same output; it writes nowhere else (concurrent collections
    /// on one server must never share a file).
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class Fail2BanSectionTests : IDisposable
    {
        // Answers the way fail2ban-client 1.0 does for the queries the section makes.
        private const string StandIn =
            "#!/bin/sh\n" +
            "case \"$*\" in\n" +
            "  status) printf 'Status\\n|- Number of jail:\\t2\\n`- Jail list:\\tsshd, recidive\\n' ;;\n" +
            "  'get sshd actions'|'get recidive actions') printf 'The jail %s has the following actions:\\niptables-multiport\\n' \"$2\" ;;\n" +
            "  *) printf 'answer to %s\\n' \"$*\" ;;\n" +
            "esac\n";

        private readonly string folder = Directory.CreateTempSubdirectory("sshtriage-f2b-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        [Fact]
        public void TheQueriesRunInAPrivateFolderOrOneAfterAnotherWithTheSameOutput()
        {
            var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "fail2ban-client"), StandIn);
            File.SetUnixFileMode(Path.Combine(bin, "fail2ban-client"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
            var tmp = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
            var parallel = Run(work, tmp, bin);
            var oneByOne = Run(work, Path.Combine(folder, "no-such-folder"), bin);

            Assert.Equal(parallel, oneByOne);
            Assert.Contains("@@sst jail sshd\n@@sst query status sshd\nanswer to status sshd\n@@sst exit 0\n@@sst query get sshd banip --with-time\n", parallel);
            Assert.Contains("@@sst query get recidive action iptables-multiport port\n", parallel);
            Assert.True(parallel.IndexOf("@@sst jail sshd", StringComparison.Ordinal) < parallel.IndexOf("@@sst jail recidive", StringComparison.Ordinal));
            Assert.Empty(Directory.GetFileSystemEntries(tmp));
            Assert.Empty(Directory.GetFileSystemEntries(work));
        }

        // The section's own command, not the collector: the collector's PATH puts the system's
        // directories first, where the real fail2ban-client may be.
        private static string Run(string work, string tmp, string bin)
        {
            var outcome = ProcessRunner.RunWithInput(work, string.Empty, "/usr/bin/env", TimeSpan.FromSeconds(30), "TMPDIR=" + tmp, "PATH=" + bin + ":/usr/bin:/bin", "/bin/sh", "-c", Fail2BanSections.Fail2Ban.Command);
            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            return outcome.StandardOutput;
        }
    }
}
