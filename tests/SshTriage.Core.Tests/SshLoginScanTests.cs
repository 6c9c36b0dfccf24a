using System;
using System.Net;
using System.Threading;
using SshTriage.Login;
using SshTriage.Probing;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Test-SshLogin's input and its first connection: bad input is an error and nothing connects,
    /// and a target whose port does not answer as SSH never reaches the login client.
    /// </summary>
    public class SshLoginScanTests
    {
        // The login client must not be reached in these tests: a fake that fails the test if it is.
        private static ISshLoginClient NoLogin() => throw new InvalidOperationException("the login client was reached");

        private static SshLoginScan NewScan(string user = "alice", string[]? fingerprints = null, string? keyFile = null, IHostResolver? resolver = null) =>
            new SshLoginScan(new SshLoginOptions(user, keyFile, null, fingerprints, TimeSpan.FromSeconds(3), 4), resolver ?? new FixedResolver("sst-nothing.test"), CancellationToken.None, NoLogin);

        [Theory]
        [InlineData("web01;reboot", 22, true, "InvalidComputerName")]
        [InlineData("300.1.2.3", 22, true, "InvalidComputerName")]
        [InlineData("198.51.100.7:99999", 22, true, "InvalidComputerName")]
        [InlineData("198.51.100.7:2222", 22, false, "PortConflict")]
        public void AMalformedTargetIsAnErrorAndNothingConnects(string name, int port, bool portIsDefault, string errorId)
        {
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add(name, port, sink, portIsDefault);
            scan.WriteRemaining(sink);

            Assert.Equal(errorId, Assert.Single(sink.Errors).ErrorId);
            Assert.Empty(sink.Objects);
        }

        [Theory]
        [InlineData("alice;id", null, null, "not a valid user name")]
        [InlineData("alice", "MD5:97:70:33:82", null, "not a SHA256 host key fingerprint")]
        [InlineData("alice", null, "/nonexistent/sst-key", "does not exist")]
        public void ABadUserFingerprintOrKeyIsAnInvalidTargetAndNothingConnects(string user, string? fingerprint, string? keyFile, string words)
        {
            var sink = new RecordingSink();
            var scan = NewScan(user, fingerprint == null ? null : new[] { fingerprint }, keyFile);

            scan.Add("198.51.100.7", 22, sink, portIsDefault: true);
            scan.WriteRemaining(sink);

            var error = Assert.Single(sink.Errors);
            Assert.Equal("InvalidRemoteTarget", error.ErrorId);
            Assert.Contains(words, error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(sink.Objects);
        }

        [Fact]
        public void AClosedPortFailsAtConnectWithTheStatusTestSshPortGives()
        {
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("127.0.0.1:" + ScriptedPeer.FreePort(), 22, sink, portIsDefault: true);
            scan.WriteRemaining(sink);

            var result = Assert.Single(sink.OfType<SshLoginResult>());
            Assert.Empty(sink.Errors);
            Assert.Equal(SshLoginStage.Connect, result.FailedStage);
            Assert.Null(result.StageReached);
            Assert.Equal(SshPortStatus.Refused, result.PortStatus);
            Assert.Equal(IPAddress.Loopback, result.RemoteAddress);
        }

        [Fact]
        public void ANameThatDoesNotResolveFailsAtConnect()
        {
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("sst-unknown.test", 22, sink);
            scan.WriteRemaining(sink);

            var result = Assert.Single(sink.OfType<SshLoginResult>());
            Assert.Equal(SshPortStatus.NameNotResolved, result.PortStatus);
            Assert.Equal(SshLoginStage.Connect, result.FailedStage);
            Assert.Null(result.RemoteAddress);
        }

        [Fact]
        public void APeerThatIsNotSshFailsAtBanner()
        {
            using var peer = ScriptedPeer.HttpServer();
            var sink = new RecordingSink();
            var scan = NewScan();

            scan.Add("127.0.0.1", peer.Port, sink);
            scan.WriteRemaining(sink);

            var result = Assert.Single(sink.OfType<SshLoginResult>());
            Assert.Equal(SshPortStatus.NotSsh, result.PortStatus);
            Assert.Equal(SshLoginStage.Connect, result.StageReached);
            Assert.Equal(SshLoginStage.Banner, result.FailedStage);
        }
    }
}
