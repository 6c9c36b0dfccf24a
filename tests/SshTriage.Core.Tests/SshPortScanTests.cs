using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    public class SshPortScanTests
    {
        private static SshPortScan NewScan(IHostResolver? resolver = null, CancellationToken token = default, int timeoutSec = 3) =>
            new SshPortScan(new SshPortScanOptions(TimeSpan.FromSeconds(timeoutSec)), resolver ?? new DnsHostResolver(), token);

        [Fact]
        public void EveryAddressOfANameIsProbed()
        {
            using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n", thenClose: false, address: IPAddress.IPv6Any);
            var resolver = new FixedResolver("dualstack.test", IPAddress.Loopback, IPAddress.IPv6Loopback);
            var sink = new RecordingSink();
            var scan = NewScan(resolver);

            scan.Add("dualstack.test", peer.Port, sink);
            scan.WriteRemaining(sink);

            var results = sink.OfType<SshPortResult>().OrderBy(r => r.RemoteAddress!.AddressFamily).ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(SshPortStatus.Open, r.Status));
            Assert.All(results, r => Assert.Equal("dualstack.test", r.ComputerName));
            Assert.Equal(IPAddress.Loopback, results[0].RemoteAddress);
            Assert.Equal(IPAddress.IPv6Loopback, results[1].RemoteAddress);
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void APortInTheNameIsProbedAndAConflictingPortRefused()
        {
            using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n", thenClose: false, address: IPAddress.IPv6Any);
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("[::1]:" + peer.Port, 22, sink, portIsDefault: true);
            scan.Add("127.0.0.1:" + peer.Port, peer.Port, sink);
            scan.Add("127.0.0.1:" + peer.Port, 22, sink);
            scan.Add("127.0.0.1:ssh", 22, sink, portIsDefault: true);
            scan.WriteRemaining(sink);

            var results = sink.OfType<SshPortResult>().OrderBy(r => r.RemoteAddress!.AddressFamily).ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal((SshPortStatus.Open, peer.Port), (r.Status, r.Port)));
            Assert.Equal(new[] { "127.0.0.1", "::1" }, results.Select(r => r.ComputerName));
            Assert.Equal(new[] { "PortConflict", "InvalidComputerName" }, sink.Errors.Select(e => e.ErrorId));
        }

        [Fact]
        public void TheSystemResolverIsUsedForRealNames()
        {
            using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n", thenClose: false);
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("localhost", peer.Port, sink);
            scan.WriteRemaining(sink);

            var results = sink.OfType<SshPortResult>().ToList();
            Assert.Contains(results, r => r.Status == SshPortStatus.Open && IPAddress.Loopback.Equals(r.RemoteAddress));
        }

        [Fact]
        public void AnUnresolvableNameIsAResultNotAnError()
        {
            var sink = new RecordingSink();
            var scan = NewScan(new FixedResolver("known.test"));

            scan.Add("unknown.test", 22, sink);
            scan.WriteRemaining(sink);

            var result = Assert.Single(sink.OfType<SshPortResult>());
            Assert.Equal(SshPortStatus.NameNotResolved, result.Status);
            Assert.Equal(SocketError.HostNotFound, result.SocketError);
            Assert.Null(result.RemoteAddress);
            Assert.Empty(sink.Errors);
        }

        [Theory]
        [InlineData("web01;reboot")]
        [InlineData("999.1.1.1")]
        public void AMalformedNameIsAnErrorRecordAndNothingIsProbed(string name)
        {
            var sink = new RecordingSink();
            var scan = NewScan(new FixedResolver("never.test"));

            scan.Add(name, 22, sink);
            scan.WriteRemaining(sink);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("InvalidComputerName", error.ErrorId);
            Assert.Equal(name, error.TargetObject);
            Assert.Empty(sink.Objects);
        }

        [Fact]
        public void OneBadTargetDoesNotStopTheOthers()
        {
            using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n", thenClose: false);
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("bad name", peer.Port, sink);
            scan.Add("127.0.0.1", peer.Port, sink);
            scan.Add("127.0.0.1", 0, sink);
            scan.WriteRemaining(sink);

            Assert.Equal(new[] { "InvalidComputerName", "InvalidPort" }, sink.Errors.Select(e => e.ErrorId));
            Assert.Equal(SshPortStatus.Open, Assert.Single(sink.OfType<SshPortResult>()).Status);
        }

        [Fact]
        public void ManyTargetsReportProgressAndEndIt()
        {
            using var peer = ScriptedPeer.Start((socket, token) => Task.Delay(Timeout.Infinite, token));
            var sink = new RecordingSink();
            var scan = NewScan(timeoutSec: 1);

            for (var i = 0; i < 20; i++)
            {
                scan.Add("127.0.0.1", peer.Port, sink);
            }

            scan.WriteRemaining(sink);

            Assert.Equal(20, sink.OfType<SshPortResult>().Count());
            Assert.NotEmpty(sink.Progress);
            Assert.True(sink.Progress.Last().Completed);
        }

        [Fact]
        public void CancellationEndsTheWaitAtOnce()
        {
            using var peer = ScriptedPeer.Start((socket, token) => Task.Delay(Timeout.Infinite, token));
            using var cancel = new CancellationTokenSource();
            var sink = new RecordingSink();
            var scan = NewScan(token: cancel.Token, timeoutSec: 300);

            scan.Add("127.0.0.1", peer.Port, sink);
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

            Assert.ThrowsAny<OperationCanceledException>(() => scan.WriteRemaining(sink));
            Assert.Empty(sink.Objects);
        }
    }
}
