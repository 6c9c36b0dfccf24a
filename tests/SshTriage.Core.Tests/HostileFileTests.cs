using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Remote;
using SshTriage.Sshd;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Paths that are not saved bundles or logs — FIFOs, devices, folders, empty and oversized
    /// files, a compressed bundle that expands without end — and a server that never stops
    /// printing: each ends in an error record that says what the path is or names the limit,
    /// quickly, without a hang and without filling memory.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class HostileFileTests : IDisposable
    {
        // A hang here would never end: the bound only has to tell that from a loaded machine.
        private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

        private readonly string folder = Directory.CreateTempSubdirectory("sshtriage-files-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private string In(string name) => Path.Combine(folder, name);

        private string Fifo()
        {
            var path = In("bundle.fifo");
            Assert.Equal(0, Lab.ProcessRunner.Run("mkfifo", TimeSpan.FromSeconds(10), path).ExitCode);
            return path;
        }

        private static TriageError ReadBundle(string path)
        {
            var sink = new RecordingSink();
            new ServerQuery("test", EvidencePlans.Listeners(null), 1, CancellationToken.None).AddEvidenceFile(path, sink);
            Assert.Empty(sink.Objects);
            return Assert.Single(sink.Errors);
        }

        private static TriageError ReadLog(string path)
        {
            var sink = new RecordingSink();
            SshLogFile.Read(path, new SshLogFilter(null, null, null, null), sink, CancellationToken.None);
            Assert.Empty(sink.Objects);
            return Assert.Single(sink.Errors);
        }

        [Fact]
        public void AFifoIsRefusedWithoutWaitingForAWriter()
        {
            var fifo = Fifo();
            var started = Stopwatch.StartNew();
            var error = ReadBundle(fifo);

            Assert.True(started.Elapsed < Quick);
            Assert.Equal(("EvidenceUnreadable", TriageErrorCategory.ReadError), (error.ErrorId, error.Category));
            Assert.Contains("not a regular file", error.Exception.Message);
            Assert.Equal("SshLogUnreadable", ReadLog(fifo).ErrorId);
        }

        [Fact]
        public void ALinkToAFifoStopsAtTheOpenTimeoutOrOnCancellation()
        {
            var link = In("link-to-fifo");
            File.CreateSymbolicLink(link, Fifo());

            var timedOut = Assert.Throws<IOException>(() => EvidenceFile.Open(link, EvidenceLimits.MaxBundleBytes, CancellationToken.None, TimeSpan.FromMilliseconds(300)));
            Assert.Contains("did not open within", timedOut.Message);

            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var started = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => EvidenceFile.Open(link, EvidenceLimits.MaxBundleBytes, cancellation.Token, TimeSpan.FromMinutes(5)));
            Assert.True(started.Elapsed < Quick);
        }

        [Theory]
        [InlineData("/dev/zero")]
        [InlineData("/dev/null")]
        [InlineData("/dev/urandom")]
        public void DevicesAreRefused(string device)
        {
            var error = ReadBundle(device);
            Assert.Contains("not a regular file", error.Exception.Message);
            Assert.Contains("not a regular file", ReadLog(device).Exception.Message);

            var link = In("link-to-device");
            File.CreateSymbolicLink(link, device);
            Assert.Contains("not a regular file", ReadBundle(link).Exception.Message);
        }

        [Fact]
        public void AFolderAnEmptyFileAndAMissingOneAreErrorsThatSaySo()
        {
            Assert.Contains("is a folder", ReadBundle(folder).Exception.Message);
            Assert.Contains("is a folder", ReadLog(folder).Exception.Message);

            File.WriteAllBytes(In("empty.txt"), Array.Empty<byte>());
            Assert.Contains("empty", ReadBundle(In("empty.txt")).Exception.Message);

            var missing = ReadBundle(In("missing.txt"));
            Assert.Equal(TriageErrorCategory.ObjectNotFound, missing.Category);
        }

        [Fact]
        public void AFileLargerThanTheLimitIsRefusedUnread()
        {
            var path = In("huge.txt");
            using (var file = File.Create(path))
            {
                // Sparse: nothing is written, and nothing is read.
                file.SetLength(EvidenceLimits.MaxBundleBytes + 1);
            }

            var error = ReadBundle(path);
            Assert.Equal(("EvidenceTooLarge", TriageErrorCategory.LimitsExceeded), (error.ErrorId, error.Category));
            Assert.Contains("128 MiB", error.Exception.Message);

            using (var file = File.OpenWrite(path))
            {
                file.SetLength(EvidenceLimits.MaxLogBytes + 1);
            }

            var log = ReadLog(path);
            Assert.Equal("EvidenceTooLarge", log.ErrorId);
            Assert.Contains("1 GiB", log.Exception.Message);
        }

        // The bomb of the report: a small compressed bundle, with the right checksum, that
        // expands past the limit. Built here, never kept in the repository.
        [Fact]
        public void ACompressedBundleThatExpandsPastTheLimitStopsAtIt()
        {
            var path = In("bomb.txt");
            var packed = new MemoryStream();
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    void Write(byte[] bytes)
                    {
                        gzip.Write(bytes, 0, bytes.Length);
                        sha.AppendData(bytes);
                    }

                    Write(Encoding.ASCII.GetBytes(BundleText.Header));
                    var filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 1023) + "\n", 1024)));
                    for (long written = 0; written <= EvidenceLimits.MaxBundleBytes; written += filler.Length)
                    {
                        Write(filler);
                    }

                    Write(Encoding.ASCII.GetBytes(BundleText.Done));
                }

                var sum = Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
                File.WriteAllText(path, CollectorScript.CompressedHeader + "1 sha256=" + sum + "\n" + Convert.ToBase64String(packed.ToArray(), Base64FormattingOptions.InsertLineBreaks) + "\n" + CollectorScript.CompressedEnd + "\n");
            }

            Assert.True(new FileInfo(path).Length < 2 * 1024 * 1024, "the bomb should be small");
            var error = ReadBundle(path);
            Assert.Equal(("EvidenceTooLarge", TriageErrorCategory.LimitsExceeded), (error.ErrorId, error.Category));
            Assert.Contains("expands to more than 128 MiB", error.Exception.Message);
        }

        [Fact]
        public void ALogWithAHugeLineKeepsItsOtherLines()
        {
            var path = In("auth.log");
            File.WriteAllText(path,
                "Dec  4 14:00:00 web01 sshd[1]: Invalid user " + new string('x', 1024 * 1024) + " from 203.0.113.9 port 1\n" +
                "Dec  4 14:00:01 web01 sshd[2]: Invalid user y from 203.0.113.5 port 40000\n");
            var sink = new RecordingSink();
            SshLogFile.Read(path, new SshLogFilter(null, null, null, null), sink, CancellationToken.None);

            var only = Assert.Single(sink.OfType<SshLogEvent>());
            Assert.Equal(40000, only.Port);
            Assert.Empty(sink.Errors);
        }

        // A child left running holds the output open after the program itself has ended.
        [Fact]
        public async Task AChildThatKeepsTheOutputOpenDoesNotHoldTheRunner()
        {
            var started = Stopwatch.StartNew();
            var outcome = await Remote.ProcessRunner.RunAsync("/bin/sh", new[] { "-c", "sleep 8 & echo done" }, ScriptInput.Whole(string.Empty), TimeSpan.FromSeconds(60), CancellationToken.None);

            Assert.Equal("done\n", outcome.StandardOutput);
            Assert.Equal(0, outcome.ExitCode);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(6), $"took {started.Elapsed}");
        }

        [Fact]
        public async Task AServerThatNeverStopsPrintingIsEndedAtTheLimit()
        {
            var started = Stopwatch.StartNew();
            var outcome = await Remote.ProcessRunner.RunAsync("/bin/sh", new[] { "-c", "exec yes" }, ScriptInput.Whole(string.Empty), TimeSpan.FromSeconds(60), CancellationToken.None, maxOutput: 1024 * 1024);

            Assert.True(outcome.OutputLimitExceeded);
            Assert.False(outcome.TimedOut);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));
            var error = RemoteFailure.Classify(RemoteTargetBuilder.Local(false, TimeSpan.FromSeconds(5)), outcome);
            Assert.Equal(("EvidenceTooLarge", TriageErrorCategory.LimitsExceeded), (error!.ErrorId, error.Category));
            Assert.Contains("128 MiB", error.Exception.Message);
        }
    }
}
