using System.Linq;
using System.Threading;
using SshTriage.Collection;
using SshTriage.Operations;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>Saved bundles (whole collector outputs captured in the lab) read through the same plans as a live server.</summary>
    public class EvidencePathTests
    {
        private static RecordingSink Read(string bundle, ServerQuery query)
        {
            var sink = new RecordingSink();
            query.AddEvidenceFile(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", bundle), sink);
            return sink;
        }

        private static ServerQuery Query(EvidencePlan plan) => new ServerQuery("test", plan, 1, CancellationToken.None);

        [Fact]
        public void ListenersFromABundleCarryTheServersOwnName()
        {
            var sink = Read("open-root.txt", Query(EvidencePlans.Listeners(null)));

            var listeners = sink.OfType<SshListener>().ToList();
            Assert.Contains(listeners, l => l.Port == 22 && l.Address == "0.0.0.0" && l.Process == "sshd");
            Assert.All(listeners, l => Assert.Equal("sst-server", l.ComputerName));
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void ABundleCollectedWithoutRootSaysWhatNeededRoot()
        {
            var listeners = Read("open-nonroot.txt", Query(EvidencePlans.Listeners(null)));
            Assert.Equal(new[] { "RemoteAccessDenied" }, listeners.Errors.Select(e => e.ErrorId));

            Assert.Equal(new[] { "RemoteAccessDenied" }, Read("open-nonroot.txt", Query(EvidencePlans.SshdConfig(null, null, null))).Errors.Select(e => e.ErrorId));

            Assert.Equal(new[] { "RemoteAccessDenied" }, Read("open-nonroot.txt", Query(EvidencePlans.SshLog(new SshLogFilter(null, null, null, null)))).Errors.Select(e => e.ErrorId));
        }

        [Fact]
        public void AMovedPortAndAnInvalidConfig()
        {
            var moved = Read("moved-port-sudo.txt", Query(EvidencePlans.Listeners(null))).OfType<SshListener>();
            Assert.Contains(moved, l => l.Port == 2200 && l.Process == "sshd");

            var config = Read("invalid-config-root.txt", Query(EvidencePlans.SshdConfig(null, null, null))).OfType<SshdConfig>().Single();
            Assert.False(config.IsValid);
            Assert.Contains("Bad configuration option", config.ValidationMessage);
        }

        [Fact]
        public void LogFiltersApplyToSavedEvidence()
        {
            var filter = new SshLogFilter(System.Net.IPAddress.Parse("198.51.100.10"), "root", null, null);
            var events = Read("failed-logins-root.txt", Query(EvidencePlans.SshLog(filter))).OfType<SshLogEvent>().ToList();

            Assert.Contains(events, e => e.Kind == SshLogEventKind.Failed);
            Assert.All(events, e => Assert.Equal("root", e.User));
            Assert.All(events, e => Assert.Equal("/var/log/auth.log", e.Source));
        }

        [Fact]
        public void ADamagedBundleIsAnErrorNamingTheFile()
        {
            var path = System.IO.Path.GetTempFileName();
            try
            {
                var text = System.IO.File.ReadAllText(RepositoryPaths.Combine("tests", "SshTriage.Core.Tests", "Fixtures", "bundles", "open-root.txt"));
                System.IO.File.WriteAllText(path, text.Substring(0, text.Length / 2));
                var sink = new RecordingSink();
                Query(EvidencePlans.Listeners(null)).AddEvidenceFile(path, sink);

                var error = Assert.Single(sink.Errors);
                Assert.Equal("EvidenceUnreadable", error.ErrorId);
                Assert.Equal(TriageErrorCategory.InvalidData, error.Category);
                Assert.Contains("truncated", error.Exception.Message);
                Assert.Empty(sink.Objects);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
