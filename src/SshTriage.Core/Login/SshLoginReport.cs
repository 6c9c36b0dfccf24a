using System;
using System.Linq;
using SshTriage.Handshake;
using SshTriage.Remote.HostKeys;

namespace SshTriage.Login
{
    /// <summary>
    /// Turns what the probe (TCP, identification line, the server's KEXINIT) and the login
    /// connection saw into an <see cref="SshLoginResult"/>: the last stage reached, the one that
    /// failed and why, the negotiation of the two offers, and the time of each stage.
    /// </summary>
    internal static class SshLoginReport
    {
        /// <summary>Builds the result; <paramref name="trace"/> is null when the probe already failed and no login was tried.</summary>
        public static SshLoginResult Build(string userName, KexInitProbeResult probe, SshLoginTrace? trace)
        {
            var port = probe.Port;
            var result = new SshLoginResult(port.ComputerName, port.RemoteAddress, port.Port, userName, port.Timestamp)
            {
                PortStatus = port.Status,
                ConnectTime = port.ConnectTime,
                BannerTime = probe.BannerTime,
                ServerVersion = port.Banner,
            };
            var server = probe.ServerKexInit;
            if (server != null)
            {
                result.ServerKexAlgorithms = server.KexAlgorithms;
                result.ServerHostKeyAlgorithms = server.ServerHostKeyAlgorithms;
                result.ServerCiphers = server.EncryptionClientToServer;
                result.ServerMacs = server.MacClientToServer;
            }

            if (port.Status != SshPortStatus.Open)
            {
                var connected = port.ConnectTime != null;
                Fail(result, connected ? SshLoginStage.Connect : (SshLoginStage?)null, connected ? SshLoginStage.Banner : SshLoginStage.Connect, PortReason(port));
                return result;
            }

            if (server == null || trace == null)
            {
                Fail(result, SshLoginStage.Banner, SshLoginStage.KeyExchange, probe.Problem ?? "The server sent no key exchange offer.");
                return result;
            }

            AddTrace(result, trace, server);
            Classify(result, trace, userName);
            return result;
        }

        /// <summary>The words for a negotiation purpose in a sentence.</summary>
        internal static string PurposeWords(string purpose)
        {
            if (purpose == "Kex")
            {
                return "key exchange method";
            }

            if (purpose == "HostKey")
            {
                return "host key algorithm";
            }

            return purpose.StartsWith("Cipher", StringComparison.Ordinal) ? "cipher"
                : purpose.StartsWith("Mac", StringComparison.Ordinal) ? "MAC"
                : "compression";
        }

        private static void AddTrace(SshLoginResult result, SshLoginTrace trace, SshKexInit server)
        {
            result.ServerVersion = trace.ServerVersion ?? result.ServerVersion;
            if (trace.ClientOffer != null)
            {
                result.Algorithms = AlgorithmNegotiation.Negotiate(trace.ClientOffer, server);
                result.Mismatch = result.Algorithms.FirstOrDefault(a => a.IsMismatch);
            }

            if (trace.HostKey != null)
            {
                result.HostKeyType = trace.HostKey.KeyType;
                result.HostKeyFingerprint = trace.HostKey.Fingerprint;
                result.HostKeyStatus = Status(trace.HostKey.Status);
            }

            result.KeyExchangeTime = trace.KeyExchangeTime;
            result.HostKeyTime = trace.HostKeyTime;
            result.AuthenticationTime = trace.AuthenticationTime;
            result.SessionTime = trace.SessionTime;
            result.OfferedMethods = trace.OfferedMethods;
            result.OfferedKeys = trace.OfferedKeys;
            result.AuthenticationAttempts = trace.Attempts.ToList();
            result.AllowedMethods = trace.Attempts.LastOrDefault(a => a.AllowedAfter.Count > 0)?.AllowedAfter ?? trace.AllowedMethods;
        }

        private static void Classify(SshLoginResult result, SshLoginTrace trace, string userName)
        {
            if (trace.ServerVersion == null)
            {
                Fail(result, SshLoginStage.Connect, SshLoginStage.Banner, $"The login connection got no identification line: {trace.Failure ?? "the server sent none"}");
            }
            else if (trace.HostKey == null)
            {
                Fail(result, SshLoginStage.Banner, SshLoginStage.KeyExchange, result.Mismatch != null ? MismatchReason(result.Mismatch) : $"The key exchange failed: {trace.Failure ?? "the server sent no host key"}");
            }
            else if (!trace.HostKey.IsTrusted)
            {
                Fail(result, SshLoginStage.KeyExchange, SshLoginStage.HostKey, trace.HostKey.Message + " The login stopped there: SshTriage never accepts an unverified host key.");
            }
            else if (!trace.Authenticated)
            {
                Fail(result, SshLoginStage.HostKey, SshLoginStage.Authentication, AuthenticationReason(result, trace, userName));
            }
            else
            {
                result.StageReached = SshLoginStage.Session;
                var method = trace.Attempts.LastOrDefault(a => a.Result == "Success")?.Method ?? "none";
                result.Reason = $"{userName} logged in ({method}); the connection was closed without opening a channel.";
            }
        }

        private static string AuthenticationReason(SshLoginResult result, SshLoginTrace trace, string userName)
        {
            var allowed = result.AllowedMethods.Count == 0 ? "methods it did not name" : string.Join(", ", result.AllowedMethods);
            if (trace.Attempts.Count == 0)
            {
                if (trace.TimedOut)
                {
                    return $"The server did not answer the login of {userName} in time: {trace.Failure}";
                }

                return result.AllowedMethods.Count == 0
                    ? $"The login of {userName} failed before any method was tried: {trace.Failure}"
                    : $"The server allows only {allowed} for {userName}; this login offers {string.Join(", ", trace.OfferedMethods)}, so nothing was tried.";
            }

            var tried = string.Join("; ", trace.Attempts.Select(a => a.ToString()));
            var end = trace.TimedOut ? " Then the server did not answer in time." : string.Empty;
            return $"The server refused the login of {userName}: {tried}. It allows {allowed}.{end}";
        }

        private static string MismatchReason(AlgorithmAgreement mismatch) =>
            $"The client and the server share no {PurposeWords(mismatch.Purpose)}: the client offered {string.Join(",", mismatch.ClientOffer)}; the server offers {string.Join(",", mismatch.ServerOffer)}.";

        private static string PortReason(SshPortResult port)
        {
            var where = $"{port.ComputerName} port {port.Port}";
            switch (port.Status)
            {
                case SshPortStatus.NameNotResolved:
                    return $"{port.ComputerName} did not resolve to an address.";
                case SshPortStatus.Refused:
                    return $"The connection to {where} was refused: nothing listens there, or a firewall rejects it.";
                case SshPortStatus.HostUnreachable:
                    return $"{where}: host unreachable (or administratively prohibited).";
                case SshPortStatus.NetworkUnreachable:
                    return $"{where}: no route from this machine.";
                case SshPortStatus.ClosedBeforeBanner:
                    return $"{where} accepted the connection and closed it before identifying itself (TCP wrappers, MaxStartups or penalties).";
                case SshPortStatus.NotSsh:
                    return $"Something that is not an SSH server answers on {where}: {port.PreBannerText?.Trim()}";
                default:
                    return port.ConnectTime == null
                        ? $"The connection to {where} timed out: no answer (a DROP rule, or the host is down)."
                        : $"{where} accepted the connection but sent no identification line in time.";
            }
        }

        // The same names, but for the trusted key, which Test-SshLogin calls Known as known_hosts does.
        private static SshHostKeyStatus Status(HostKeyStatus status) =>
            status == HostKeyStatus.Trusted ? SshHostKeyStatus.Known : (SshHostKeyStatus)Enum.Parse(typeof(SshHostKeyStatus), status.ToString());

        private static void Fail(SshLoginResult result, SshLoginStage? reached, SshLoginStage failed, string reason)
        {
            result.StageReached = reached;
            result.FailedStage = failed;
            result.Reason = reason;
        }
    }
}
