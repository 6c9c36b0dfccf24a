using System;
using System.Linq;
using System.Net;
using SshTriage.Handshake;
using SshTriage.Login;
using SshTriage.Remote.HostKeys;
using SshTriage.Tests.HostKeys;
using Xunit;

namespace SshTriage.Tests
{
    /// <summary>
    /// Test-SshLogin's result: the stage reached and the one that failed, from what the probe and
    /// the login connection saw. The server offer is a real sshd's KEXINIT and the host keys and
    /// known_hosts are ssh-keygen's (fixtures); the traces are what a login client records.
    /// </summary>
    public class SshLoginReportTests
    {
        private static readonly IPAddress Server = IPAddress.Parse("198.51.100.20");

        private static SshKexInit ServerOffer() => KexInitFixture.Offer("openssh-9.2.txt");

        private static KexInitProbeResult Probe(SshPortStatus status, TimeSpan? connectTime = null, SshKexInit? offer = null, string? problem = null)
        {
            var port = new SshPortResult("web01", Server, 22, status, DateTimeOffset.Now)
            {
                ConnectTime = connectTime,
                Banner = status == SshPortStatus.Open ? "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10" : null,
            };
            return new KexInitProbeResult(port, offer, problem, offer == null ? null : TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(2));
        }

        private static KexInitProbeResult OpenProbe() => Probe(SshPortStatus.Open, TimeSpan.FromMilliseconds(1), ServerOffer());

        private static SshKexInit ModernClient(params string[] hostKeys) =>
            new SshKexInit(new[] { "curve25519-sha256" }, hostKeys.Length == 0 ? new[] { "ssh-ed25519" } : hostKeys, new[] { "aes256-ctr" }, new[] { "aes256-ctr" }, new[] { "hmac-sha2-256" }, new[] { "hmac-sha2-256" }, new[] { "none" }, new[] { "none" }, false);

        private static HostKeyVerdict Verdict(string host, string key) =>
            KnownHostsFixtures.Verifier().Verify(host, 22, KnownHostsFixtures.Key(key), _ => false, DateTimeOffset.UtcNow);

        private static SshLoginTrace Trace(HostKeyVerdict? verdict = null)
        {
            var trace = new SshLoginTrace
            {
                ClientOffer = ModernClient(),
                ServerVersion = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10",
                HostKey = verdict,
                KeyExchangeTime = verdict == null ? null : TimeSpan.FromMilliseconds(40),
                HostKeyTime = verdict == null ? null : TimeSpan.FromMilliseconds(1),
                OfferedMethods = new[] { "publickey" },
                OfferedKeys = new[] { "ED25519 SHA256:0KytDciR5Ds9AohyF1ZZUwi0fLqtMGd1z9eQRlkh2Pk" },
            };
            return trace;
        }

        [Theory]
        [InlineData(SshPortStatus.Refused, null, SshLoginStage.Connect)]
        [InlineData(SshPortStatus.HostUnreachable, null, SshLoginStage.Connect)]
        [InlineData(SshPortStatus.NameNotResolved, null, SshLoginStage.Connect)]
        [InlineData(SshPortStatus.TimedOut, null, SshLoginStage.Connect)]
        [InlineData(SshPortStatus.TimedOut, SshLoginStage.Connect, SshLoginStage.Banner)]
        [InlineData(SshPortStatus.ClosedBeforeBanner, SshLoginStage.Connect, SshLoginStage.Banner)]
        [InlineData(SshPortStatus.NotSsh, SshLoginStage.Connect, SshLoginStage.Banner)]
        public void APortThatIsNotOpenFailsAtConnectOrBannerWithItsStatus(SshPortStatus status, SshLoginStage? reached, SshLoginStage failed)
        {
            var connected = reached == SshLoginStage.Connect ? TimeSpan.FromMilliseconds(1) : (TimeSpan?)null;

            var result = SshLoginReport.Build("alice", Probe(status, connected), null);

            Assert.Equal(reached, result.StageReached);
            Assert.Equal(failed, result.FailedStage);
            Assert.Equal(status, result.PortStatus);
            Assert.False(result.Succeeded);
            Assert.NotEmpty(result.Reason);
            Assert.Null(result.HostKeyStatus);
        }

        [Fact]
        public void AServerThatIdentifiesButSendsNoOfferFailsAtKeyExchange()
        {
            var result = SshLoginReport.Build("alice", Probe(SshPortStatus.Open, TimeSpan.FromMilliseconds(1), null, "No key exchange offer: the server closed the connection."), null);

            Assert.Equal(SshLoginStage.Banner, result.StageReached);
            Assert.Equal(SshLoginStage.KeyExchange, result.FailedStage);
            Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10", result.ServerVersion);
            Assert.Contains("closed the connection", result.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void AMismatchNamesTheListAndBothOffers()
        {
            var trace = Trace();
            trace.ClientOffer = ModernClient("rsa-sha2-512", "rsa-sha2-256");
            trace.Failure = "Key exchange negotiation failed.";

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.Equal(SshLoginStage.Banner, result.StageReached);
            Assert.Equal(SshLoginStage.KeyExchange, result.FailedStage);
            var mismatch = Assert.IsType<AlgorithmAgreement>(result.Mismatch);
            Assert.Equal("HostKey", mismatch.Purpose);
            Assert.Equal(new[] { "rsa-sha2-512", "rsa-sha2-256" }, mismatch.ClientOffer);
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, mismatch.ServerOffer);
            Assert.Equal("The client and the server share no host key algorithm: the client offered rsa-sha2-512,rsa-sha2-256; the server offers ssh-ed25519,ecdsa-sha2-nistp256.", result.Reason);
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, result.ServerHostKeyAlgorithms);
            Assert.Equal("sntrup761x25519-sha512", result.ServerKexAlgorithms[0]);
        }

        [Fact]
        public void WhatWasNegotiatedIsListedForEveryPurpose()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.Authenticated = true;

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.Null(result.Mismatch);
            Assert.Equal("curve25519-sha256", result.Algorithms.Single(a => a.Purpose == "Kex").Agreed);
            Assert.Equal("ssh-ed25519", result.Algorithms.Single(a => a.Purpose == "HostKey").Agreed);
            Assert.Equal("aes256-ctr", result.Algorithms.Single(a => a.Purpose == "CipherClientToServer").Agreed);
        }

        [Theory]
        [InlineData("198.51.100.99", "host_ed25519", SshHostKeyStatus.Unknown, "not a known host")]
        [InlineData("198.51.100.20", "other_ed25519", SshHostKeyStatus.Changed, "has changed")]
        public void AHostKeyThatIsNotKnownStopsTheWalkAtHostKey(string host, string key, SshHostKeyStatus status, string words)
        {
            var result = SshLoginReport.Build("alice", OpenProbe(), Trace(Verdict(host, key)));

            Assert.Equal(SshLoginStage.KeyExchange, result.StageReached);
            Assert.Equal(SshLoginStage.HostKey, result.FailedStage);
            Assert.Equal(status, result.HostKeyStatus);
            Assert.Equal(HostKeyFingerprint.Sha256(KnownHostsFixtures.Key(key)), result.HostKeyFingerprint);
            Assert.Equal("ED25519", result.HostKeyType);
            Assert.Contains(words, result.Reason, StringComparison.Ordinal);
            Assert.Empty(result.AuthenticationAttempts);
        }

        [Fact]
        public void ARefusedKeyIsListedWithWhatTheServerStillAllows()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.Attempts.Add(new SshAuthenticationAttempt("publickey", trace.OfferedKeys, "Failure", new[] { "publickey", "password" }, TimeSpan.FromMilliseconds(5)));
            trace.Failure = "Permission denied (publickey).";
            trace.AuthenticationTime = TimeSpan.FromMilliseconds(20);

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.Equal(SshLoginStage.HostKey, result.StageReached);
            Assert.Equal(SshLoginStage.Authentication, result.FailedStage);
            Assert.Equal(SshHostKeyStatus.Known, result.HostKeyStatus);
            Assert.Equal(new[] { "publickey", "password" }, result.AllowedMethods);
            Assert.Equal("The server refused the login of alice: publickey (ED25519 SHA256:0KytDciR5Ds9AohyF1ZZUwi0fLqtMGd1z9eQRlkh2Pk): Failure. It allows publickey, password.", result.Reason);
            Assert.Equal(TimeSpan.FromMilliseconds(20), result.AuthenticationTime);
        }

        [Fact]
        public void APasswordAgainstAKeysOnlyServerIsNeverSent()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.OfferedMethods = new[] { "password", "keyboard-interactive" };
            trace.OfferedKeys = Array.Empty<string>();
            trace.AllowedMethods = new[] { "publickey" };

            var result = SshLoginReport.Build("bob", OpenProbe(), trace);

            Assert.Equal(SshLoginStage.Authentication, result.FailedStage);
            Assert.Equal(new[] { "publickey" }, result.AllowedMethods);
            Assert.Empty(result.AuthenticationAttempts);
            Assert.Equal("The server allows only publickey for bob; this login offers password, keyboard-interactive, so nothing was tried.", result.Reason);
        }

        [Fact]
        public void APartialSuccessThatEndsInFailureShowsBothSteps()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.Attempts.Add(new SshAuthenticationAttempt("publickey", trace.OfferedKeys, "PartialSuccess", new[] { "password" }, TimeSpan.FromMilliseconds(5)));
            trace.Attempts.Add(new SshAuthenticationAttempt("password", Array.Empty<string>(), "Failure", new[] { "password" }, TimeSpan.FromMilliseconds(5)));

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.Equal(SshLoginStage.Authentication, result.FailedStage);
            Assert.Equal(new[] { "password" }, result.AllowedMethods);
            Assert.Contains("publickey (ED25519 SHA256:0KytDciR5Ds9AohyF1ZZUwi0fLqtMGd1z9eQRlkh2Pk): PartialSuccess; password: Failure", result.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void ASuccessfulLoginReachesSessionWithEveryStageTimed()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.Attempts.Add(new SshAuthenticationAttempt("publickey", trace.OfferedKeys, "Success", Array.Empty<string>(), TimeSpan.FromMilliseconds(5)));
            trace.Authenticated = true;
            trace.AuthenticationTime = TimeSpan.FromSeconds(10);
            trace.SessionTime = TimeSpan.FromMilliseconds(2);

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.True(result.Succeeded);
            Assert.Equal(SshLoginStage.Session, result.StageReached);
            Assert.Null(result.FailedStage);
            Assert.Equal("alice logged in (publickey); the connection was closed without opening a channel.", result.Reason);
            Assert.Equal(TimeSpan.FromMilliseconds(1), result.ConnectTime);
            Assert.Equal(TimeSpan.FromMilliseconds(2), result.BannerTime);
            Assert.Equal(TimeSpan.FromMilliseconds(40), result.KeyExchangeTime);
            Assert.Equal(TimeSpan.FromMilliseconds(1), result.HostKeyTime);
            Assert.Equal(TimeSpan.FromSeconds(10), result.AuthenticationTime);
            Assert.Equal(TimeSpan.FromMilliseconds(2), result.SessionTime);
        }

        [Fact]
        public void ALoginThatTimesOutAfterTheHostKeyFailsAtAuthentication()
        {
            var trace = Trace(Verdict("198.51.100.20", "host_ed25519"));
            trace.TimedOut = true;
            trace.Failure = "no answer within the timeout.";

            var result = SshLoginReport.Build("alice", OpenProbe(), trace);

            Assert.Equal(SshLoginStage.Authentication, result.FailedStage);
            Assert.Equal("The server did not answer the login of alice in time: no answer within the timeout.", result.Reason);
        }
    }
}
