using System;
using System.Linq;
using Xunit;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Each class of cause in its own lab scenario, diagnosed along every path a user takes:
    /// from the client (-ComputerName), probing from the client while the admin works
    /// elsewhere (-FromHost), and on the server itself (-Local). The right cause comes first,
    /// with the confidence its evidence allows on that path.
    /// </summary>
    public class DiagnosisPathLabTests
    {
        [LabTheory]
        [InlineData("invalid-config-stopped", CauseLab.ComputerNamePath, "SshdConfigInvalid", "Confirmed", "")]
        [InlineData("invalid-config-stopped", CauseLab.LocalPath, "SshdConfigInvalid", "Confirmed", "")]
        [InlineData("drop", CauseLab.FromHostPath, "FirewallDrop", "Confirmed", "")]
        public void TheRightCauseComesFirstOnEveryPath(string scenario, string path, string cause, string confidence, string extra)
        {
            using var lab = LabInstance.Up(scenario, fromHost: path == CauseLab.FromHostPath);
            var output = CauseLab.Run(lab, path, extra.Split(' ', StringSplitOptions.RemoveEmptyEntries));

            var causes = CauseLab.Causes(output);
            Assert.True(
                causes.Count > 0 && CauseLab.Text(causes[0], "Cause") == cause && CauseLab.Text(causes[0], "Confidence") == confidence,
                $"{scenario} via {path}: expected {cause}/{confidence} first, got {CauseLab.Describe(causes)}\n{output.Describe()}");
        }

        [LabTheory]
        [InlineData(CauseLab.ComputerNamePath)]
        [InlineData(CauseLab.LocalPath)]
        public void TheInvalidConfigurationExplainsTheStoppedSshd(string path)
        {
            using var lab = LabInstance.Up("invalid-config-stopped");
            var causes = CauseLab.Causes(CauseLab.Run(lab, path));

            var stopped = causes.Single(c => CauseLab.Text(c, "Cause") == "SshdNotRunning");
            Assert.Equal(1, causes.IndexOf(stopped));
            Assert.Equal("SshdConfigInvalid", CauseLab.Text(stopped, "ExplainedBy"));
            Assert.Contains("Explained by SshdConfigInvalid", CauseLab.Text(stopped, "Summary"));
            Assert.Contains(CauseLab.Excerpts(causes[0]), e => e.Contains("Bad configuration option: PermitRootLogn"));
        }
    }
}
