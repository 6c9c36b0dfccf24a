using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// The exported collector run on the server itself, as someone at a console would, under
    /// bash, dash and busybox sh, plain and compressed: its output reads like a live collection.
    /// </summary>
    public class ConsoleCollectorLabTests
    {
        [LabTheory]
        [InlineData("bash", false)]
        [InlineData("dash", false)]
        [InlineData("busybox", false)]
        [InlineData("dash", true)]
        [InlineData("busybox", true)]
        public void TheExportedScriptRunsUnderEveryShell(string shell, bool compressed)
        {
            using var lab = LabInstance.Up("moved-port");
            var script = CollectorScript.Build(CollectorSections.All);
            var path = Path.Combine(lab["STATE_DIR"], "collector.sh");
            File.WriteAllText(path, compressed ? CollectorScript.Compressed(script) : script);

            var command = shell == "busybox" ? new[] { "busybox", "sh", path } : new[] { shell, path };
            var outcome = lab.Exec("server", TimeSpan.FromSeconds(60), command);
            Assert.Equal(0, outcome.ExitCode);

            var evidence = new ServerEvidence("console", EvidenceBundle.Parse(outcome.StandardOutput, "console"));
            var listeners = new ListenerReader(null).Read(evidence).OfType<SshListener>().ToList();
            Assert.Contains(listeners, l => l.Port == 2200 && l.Process == "sshd");
            Assert.Equal(0, evidence.Facts.UserId);
            Assert.Equal("sst-server", evidence.Facts.HostName);
        }

        // SSH is down for everyone: port 22 dropped for every source and no management sshd.
        // The only way in is the console, where the exported collector runs; its output, read
        // back with -EvidencePath, must name the same causes as the online diagnosis on the
        // server itself (-Local), and say that no probe ran.
        [LabTheory]
        [InlineData("bash", false)]
        [InlineData("dash", false)]
        [InlineData("busybox", false)]
        [InlineData("dash", true)]
        public void AConsoleBundleGivesTheSameCausesAsTheOnlineDiagnosis(string shell, bool compressed)
        {
            using var lab = LabInstance.Up("drop-all");
            var client = lab["CLIENT_ADDR"];
            var seen = LabRunner.Run(lab, "client", ServerLab.Timeout, "probe", "--timeout", "2", "--port", lab["PORT"], lab["SERVER_ADDR"]);
            Assert.Equal("TimedOut", seen.Objects.Single().Object.GetProperty("Status").GetString());

            var online = Causes(LabRunner.Run(lab, "server", ServerLab.Timeout, "server", "cause", "--local", "--client", client, "--port", lab["PORT"]));

            var script = CollectorScript.Build(CollectorSections.All);
            var path = Path.Combine(lab["STATE_DIR"], "collector.sh");
            File.WriteAllText(path, compressed ? CollectorScript.Compressed(script) : script);
            var console = lab.Exec("server", TimeSpan.FromSeconds(60), shell == "busybox" ? new[] { "busybox", "sh", path } : new[] { shell, path });
            Assert.Equal(0, console.ExitCode);
            var bundle = Path.Combine(lab["STATE_DIR"], "bundle.txt");
            File.WriteAllText(bundle, console.StandardOutput);
            var offline = Causes(LabRunner.Run(lab, "client", ServerLab.Timeout, "server", "cause", "--evidence", bundle, "--client", client, "--port", lab["PORT"]));

            Assert.Equal("FirewallDrop", offline.First().Cause);
            Assert.Equal(online.Select(c => c.Cause), offline.Select(c => c.Cause));
            Assert.Equal("Likely", offline.First().Confidence);
            Assert.Contains("no probe ran", offline.First().Evidence);
        }

        private static List<(string Cause, string Confidence, string Evidence)> Causes(LabRunOutput output) =>
            output.Objects.Where(o => o.Type == "SshTriage.SshRejectCause")
                .Select(o => (
                    o.Object.GetProperty("Cause").GetString()!,
                    o.Object.GetProperty("Confidence").GetString()!,
                    string.Join("\n", o.Object.GetProperty("Evidence").EnumerateArray().Select(e => e.GetProperty("Excerpt").GetString()))))
                .ToList();
    }
}
