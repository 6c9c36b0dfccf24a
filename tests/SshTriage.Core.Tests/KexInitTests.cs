using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Handshake;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// The server's algorithm offer, read from real sshd packets (tests/lab/capture-kexinit-fixtures.sh),
    /// and RFC 4253's choice between two offers.
    /// </summary>
    public class KexInitTests
    {
        private static readonly string[] ModernKex = { "curve25519-sha256", "ecdh-sha2-nistp256" };

        [Theory]
        [InlineData("openssh-9.2.txt", "OpenSSH_9.2p1", "sntrup761x25519-sha512")]
        [InlineData("openssh-10.0.txt", "OpenSSH_10.0p2", "mlkem768x25519-sha256")]
        public async Task ReadsTheOfferOfARealSshd(string fixture, string software, string firstKex)
        {
            var (identification, packet) = Capture(fixture);
            Assert.StartsWith("SSH-2.0-" + software, identification, StringComparison.Ordinal);

            // The identification line and the packet in separate writes, then together: both ways a server may send them.
            foreach (var split in new[] { true, false })
            {
                var result = await ProbeAsync(identification, packet, split);
                Assert.Equal(SshPortStatus.Open, result.Port.Status);
                Assert.Null(result.Problem);
                var offer = Assert.IsType<SshKexInit>(result.ServerKexInit);
                Assert.Equal(firstKex, offer.KexAlgorithms[0]);
                Assert.Contains("kex-strict-s-v00@openssh.com", offer.KexAlgorithms);
                Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, offer.ServerHostKeyAlgorithms);
                Assert.Equal("chacha20-poly1305@openssh.com", offer.EncryptionClientToServer[0]);
                Assert.Equal(offer.EncryptionClientToServer, offer.EncryptionServerToClient);
                Assert.Contains("hmac-sha2-256-etm@openssh.com", offer.MacClientToServer);
                Assert.Equal(new[] { "none", "zlib@openssh.com" }, offer.CompressionServerToClient);
                Assert.False(offer.FirstKexPacketFollows);
                Assert.NotNull(result.KexInitTime);
                Assert.NotNull(result.BannerTime);
            }
        }

        [Fact]
        public void AModernClientAgreesOnEveryPurpose()
        {
            var server = Offer("openssh-9.2.txt");
            var client = Client(ModernKex, new[] { "ssh-ed25519", "rsa-sha2-512" }, new[] { "aes256-ctr", "chacha20-poly1305@openssh.com" }, new[] { "hmac-sha2-256" });

            var agreements = AlgorithmNegotiation.Negotiate(client, server);

            Assert.DoesNotContain(agreements, a => a.IsMismatch);
            Assert.Equal("curve25519-sha256", agreements.Single(a => a.Purpose == "Kex").Agreed);
            Assert.Equal("ssh-ed25519", agreements.Single(a => a.Purpose == "HostKey").Agreed);
            Assert.Equal("aes256-ctr", agreements.Single(a => a.Purpose == "CipherClientToServer").Agreed);
        }

        [Fact]
        public void AClientOfferingOnlySshRsaFindsNoHostKeyType()
        {
            var agreements = AlgorithmNegotiation.Negotiate(Client(ModernKex, new[] { "ssh-rsa" }, new[] { "aes128-ctr" }, new[] { "hmac-sha2-256" }), Offer("openssh-9.2.txt"));

            var hostKey = agreements.Single(a => a.IsMismatch);
            Assert.Equal("HostKey", hostKey.Purpose);
            Assert.Equal(new[] { "ssh-rsa" }, hostKey.ClientOffer);
            Assert.Contains("ssh-ed25519", hostKey.ServerOffer);
        }

        [Fact]
        public void AClientOfferingOnlySha1KeyExchangeFindsNoKexMethod()
        {
            var client = Client(new[] { "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "ext-info-c" }, new[] { "ssh-ed25519" }, new[] { "aes128-ctr" }, new[] { "hmac-sha2-256" });

            var kex = AlgorithmNegotiation.Negotiate(client, Offer("openssh-10.0.txt")).First();

            Assert.Equal("Kex", kex.Purpose);
            Assert.True(kex.IsMismatch);
            Assert.DoesNotContain("ext-info-c", kex.ClientOffer);
        }

        [Fact]
        public void AnAeadCipherNeedsNoMac()
        {
            var client = Client(ModernKex, new[] { "ssh-ed25519" }, new[] { "chacha20-poly1305@openssh.com" }, new[] { "hmac-md5" });

            var agreements = AlgorithmNegotiation.Negotiate(client, Offer("openssh-9.2.txt"));

            Assert.DoesNotContain(agreements, a => a.IsMismatch);
            Assert.Equal("<implicit>", agreements.Single(a => a.Purpose == "MacClientToServer").Agreed);
        }

        [Fact]
        public void AnOldCbcOnlyClientFindsNoCipher()
        {
            var client = Client(ModernKex, new[] { "ssh-ed25519" }, new[] { "aes256-cbc", "3des-cbc" }, new[] { "hmac-sha2-256" });

            var mismatches = AlgorithmNegotiation.Negotiate(client, Offer("openssh-9.2.txt")).Where(a => a.IsMismatch).Select(a => a.Purpose);

            Assert.Equal(new[] { "CipherClientToServer", "CipherServerToClient" }, mismatches);
        }

        [Theory]
        [InlineData("AAAAAAA=", "packet header")]
        [InlineData("f////wQUAAAA", "packet header")]
        [InlineData("AAAADAQVAAAAAAAAAAAAAAAA", "instead of KEXINIT")]
        [InlineData("AAAAFAQUAAAAAAAAAAAAAAAAAAAAAAAA/wAA", "name-list 1 of 10")]
        public async Task BytesThatAreNoKexInitAreAProblemNotAnException(string base64, string problem)
        {
            var result = await ProbeAsync("SSH-2.0-OpenSSH_9.2p1", Convert.FromBase64String(base64), split: false, thenClose: true);

            Assert.Equal(SshPortStatus.Open, result.Port.Status);
            Assert.Null(result.ServerKexInit);
            Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AServerThatClosesAfterItsBannerSaysSo()
        {
            var result = await ProbeAsync("SSH-2.0-OpenSSH_9.2p1", Array.Empty<byte>(), split: true, thenClose: true);

            Assert.Null(result.ServerKexInit);
            Assert.Contains("closed", result.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheProbeSendsItsIdentificationBeforeTheOffer()
        {
            var (identification, packet) = Capture("openssh-9.2.txt");
            string? clientLine = null;
            using var peer = ScriptedPeer.Start(async (socket, token) =>
            {
                await socket.SendAsync(new ArraySegment<byte>(Encoding.ASCII.GetBytes(identification + "\r\n")), SocketFlags.None);
                var buffer = new byte[256];
                var count = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                clientLine = Encoding.ASCII.GetString(buffer, 0, count);
                await socket.SendAsync(new ArraySegment<byte>(packet), SocketFlags.None);
            });

            var result = await new KexInitProbe(TimeSpan.FromSeconds(5)).ProbeAsync("peer", IPAddress.Loopback, peer.Port, CancellationToken.None);

            Assert.NotNull(result.ServerKexInit);
            Assert.StartsWith("SSH-2.0-", clientLine, StringComparison.Ordinal);
        }

        private static (string Identification, byte[] Packet) Capture(string name) => KexInitFixture.Capture(name);

        private static SshKexInit Offer(string fixture) => KexInitFixture.Offer(fixture);

        private static SshKexInit Client(string[] kex, string[] hostKeys, string[] ciphers, string[] macs) =>
            new SshKexInit(kex, hostKeys, ciphers, ciphers, macs, macs, new[] { "none" }, new[] { "none" }, false);

        private static async Task<KexInitProbeResult> ProbeAsync(string identification, byte[] packet, bool split, bool thenClose = false)
        {
            var line = Encoding.ASCII.GetBytes(identification + "\r\n");
            using var peer = ScriptedPeer.Start(async (socket, token) =>
            {
                if (split)
                {
                    await socket.SendAsync(new ArraySegment<byte>(line), SocketFlags.None);
                    await Task.Delay(50, token);
                    await socket.SendAsync(new ArraySegment<byte>(packet), SocketFlags.None);
                }
                else
                {
                    await socket.SendAsync(new ArraySegment<byte>(line.Concat(packet).ToArray()), SocketFlags.None);
                }

                if (!thenClose)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
            });

            return await new KexInitProbe(TimeSpan.FromSeconds(3)).ProbeAsync("peer", IPAddress.Loopback, peer.Port, CancellationToken.None);
        }
    }
}
