using System;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Login;
using SshTriage.Probing;
using SshTriage.Remote;
using SshTriage.SshNet;
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
        public void AServerThatGoesSilentAfterItsOfferTimesOutInTheKeyExchange()
        {
            var (identification, packet) = KexInitFixture.Capture("openssh-9.2.txt");
            using var peer = ScriptedPeer.Start(async (socket, token) =>
            {
                await socket.SendAsync(new ArraySegment<byte>(Encoding.ASCII.GetBytes(identification + "\r\n")), SocketFlags.None);
                await socket.SendAsync(new ArraySegment<byte>(packet), SocketFlags.None);
                await Task.Delay(Timeout.Infinite, token);
            });
            var password = new SecureString();
            password.AppendChar('x');
            var options = new SshLoginOptions(null, null, new RemoteCredential("alice", password), null, TimeSpan.FromSeconds(2), 4);
            var sink = new RecordingSink();
            var scan = new SshLoginScan(options, new FixedResolver("sst-nothing.test"), CancellationToken.None, () => new SshNetLoginClient());

            scan.Add("127.0.0.1", peer.Port, sink);
            scan.WriteRemaining(sink);

            var result = Assert.Single(sink.OfType<SshLoginResult>());
            Assert.Equal(identification, result.ServerVersion);
            Assert.Equal(SshLoginStage.Banner, result.StageReached);
            Assert.Equal(SshLoginStage.KeyExchange, result.FailedStage);
            Assert.Null(result.Mismatch);
            Assert.Equal("The key exchange failed: no answer within the timeout.", result.Reason);
            Assert.Equal(new[] { "password", "keyboard-interactive" }, result.OfferedMethods);
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
