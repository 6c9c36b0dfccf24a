using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    public class SshPortProbeTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        private static Task<SshPortResult> Probe(int port, TimeSpan? timeout = null) =>
            new SshPortProbe(timeout ?? Timeout).ProbeAsync("peer", IPAddress.Loopback, port, CancellationToken.None);

        [Fact]
        public async Task ABannerMeansOpen()
        {
            using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", thenClose: false);
            var result = await Probe(peer.Port);
            Assert.Equal(SshPortStatus.Open, result.Status);
            Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", result.Banner);
            Assert.Equal("OpenSSH_9.2p1", result.SoftwareVersion);
            Assert.Equal("2.0", result.ProtocolVersion);
            Assert.Equal("Debian-2+deb12u3", result.Comments);
            Assert.Equal(IPAddress.Loopback, result.LocalAddress);
            Assert.Equal(IPAddress.Loopback, result.RemoteAddress);
            Assert.NotNull(result.ConnectTime);
            Assert.Null(result.SocketError);
            Assert.Equal("peer", result.ComputerName);
            Assert.Equal(peer.Port, result.Port);
        }

        [Fact]
        public async Task NoListenerMeansRefused()
        {
            var result = await Probe(ScriptedPeer.FreePort());
            Assert.Equal(SshPortStatus.Refused, result.Status);
            Assert.Equal(SocketError.ConnectionRefused, result.SocketError);
            Assert.Null(result.ConnectTime);
        }

        [Fact]
        public async Task ACloseWithoutAWordIsClosedBeforeBanner()
        {
            using var peer = ScriptedPeer.Sends(string.Empty, thenClose: true);
            var result = await Probe(peer.Port);
            Assert.Equal(SshPortStatus.ClosedBeforeBanner, result.Status);
            Assert.Null(result.PreBannerText);
            Assert.NotNull(result.ConnectTime);
        }

        [Fact]
        public async Task SshdsDropMessageIsKept()
        {
            using var peer = ScriptedPeer.Sends("Exceeded MaxStartups\r\n", thenClose: true);
            var result = await Probe(peer.Port);
            Assert.Equal(SshPortStatus.ClosedBeforeBanner, result.Status);
            Assert.Equal("Exceeded MaxStartups", result.PreBannerText);
        }

        [Fact]
        public async Task ASilentPeerTimesOutWithTheConnectTimeSet()
        {
            using var peer = ScriptedPeer.Start((socket, token) => Task.Delay(System.Threading.Timeout.Infinite, token));
            var result = await Probe(peer.Port, TimeSpan.FromSeconds(1));
            Assert.Equal(SshPortStatus.TimedOut, result.Status);
            Assert.NotNull(result.ConnectTime);
            Assert.Equal(SocketError.TimedOut, result.SocketError);
        }

        [Fact]
        public async Task AWebServerIsNotSsh()
        {
            using var peer = ScriptedPeer.HttpServer();
            var result = await Probe(peer.Port);
            Assert.Equal(SshPortStatus.NotSsh, result.Status);
            Assert.StartsWith("HTTP/1.0 400", result.PreBannerText);
            Assert.Null(result.Banner);
        }

        [Fact]
        public async Task CancellationStopsAProbeAtOnce()
        {
            using var peer = ScriptedPeer.Start((socket, token) => Task.Delay(System.Threading.Timeout.Infinite, token));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var probe = new SshPortProbe(TimeSpan.FromMinutes(5));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.ProbeAsync("peer", IPAddress.Loopback, peer.Port, cancel.Token));
        }
    }
}
