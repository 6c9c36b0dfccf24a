using System;
using System.IO;
using System.Linq;
using SshTriage.Evidence;
using SshTriage.Server;
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
            var listeners = new ListenerReport(null).Read(evidence).OfType<SshListener>().ToList();
            Assert.Contains(listeners, l => l.Port == 2200 && l.Process == "sshd");
            Assert.Equal(0, evidence.Facts.UserId);
            Assert.Equal("sst-server", evidence.Facts.HostName);
        }
    }
}
