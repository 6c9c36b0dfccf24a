using System;
using System.Collections.Generic;
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
            var server = probe.ServerKexInit;

            // The login connection counts only once the probe saw the server's offer.
            var login = port.Status == SshPortStatus.Open && server != null ? trace : null;
            var algorithms = login?.ClientOffer != null && server != null ? AlgorithmNegotiation.Negotiate(login.ClientOffer, server) : Array.Empty<AlgorithmAgreement>();
            var mismatch = algorithms.FirstOrDefault(a => a.IsMismatch);
            var allowed = login == null ? Array.Empty<string>() : login.Attempts.LastOrDefault(a => a.AllowedAfter.Count > 0)?.AllowedAfter ?? login.AllowedMethods;
            var outcome = login == null ? ProbeOutcome(probe) : LoginOutcome(login, mismatch, allowed, userName);
            var hostKey = login?.HostKey;
            return new SshLoginResult(port.ComputerName, port.RemoteAddress, port.Port, userName, port.Timestamp)
            {
                StageReached = outcome.Reached,
                FailedStage = outcome.Failed,
                Reason = outcome.Reason,
                PortStatus = port.Status,
                ServerVersion = login?.ServerVersion ?? port.Banner,
                ServerKexAlgorithms = server?.KexAlgorithms ?? Array.Empty<string>(),
                ServerHostKeyAlgorithms = server?.ServerHostKeyAlgorithms ?? Array.Empty<string>(),
                ServerCiphers = server?.EncryptionClientToServer ?? Array.Empty<string>(),
                ServerMacs = server?.MacClientToServer ?? Array.Empty<string>(),
                Algorithms = algorithms,
                Mismatch = mismatch,
                HostKeyType = hostKey?.KeyType,
                HostKeyFingerprint = hostKey?.Fingerprint,
                HostKeyStatus = hostKey == null ? null : Status(hostKey.Status),
                AllowedMethods = allowed,
                OfferedMethods = login?.OfferedMethods ?? Array.Empty<string>(),
                OfferedKeys = login?.OfferedKeys ?? Array.Empty<string>(),
                AuthenticationAttempts = login?.Attempts.ToList() ?? (IReadOnlyList<SshAuthenticationAttempt>)Array.Empty<SshAuthenticationAttempt>(),
                ConnectTime = port.ConnectTime,
                BannerTime = probe.BannerTime,
                KeyExchangeTime = login?.KeyExchangeTime,
                HostKeyTime = login?.HostKeyTime,
                AuthenticationTime = login?.AuthenticationTime,
                SessionTime = login?.SessionTime,
            };
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

        private static StageOutcome ProbeOutcome(KexInitProbeResult probe)
        {
            var port = probe.Port;
            if (port.Status != SshPortStatus.Open)
            {
                var connected = port.ConnectTime != null;
                return new StageOutcome(connected ? SshLoginStage.Connect : null, connected ? SshLoginStage.Banner : SshLoginStage.Connect, PortReason(port));
            }

            return new StageOutcome(SshLoginStage.Banner, SshLoginStage.KeyExchange, probe.Problem ?? "The server sent no key exchange offer.");
        }

        private static StageOutcome LoginOutcome(SshLoginTrace trace, AlgorithmAgreement? mismatch, IReadOnlyList<string> allowed, string userName)
        {
            if (trace.ServerVersion == null)
            {
                return new StageOutcome(SshLoginStage.Connect, SshLoginStage.Banner, $"The login connection got no identification line: {trace.Failure ?? "the server sent none"}");
            }

            if (trace.HostKey == null)
            {
                return new StageOutcome(SshLoginStage.Banner, SshLoginStage.KeyExchange, mismatch != null ? MismatchReason(mismatch) : $"The key exchange failed: {trace.Failure ?? "the server sent no host key"}");
            }

            if (!trace.HostKey.IsTrusted)
            {
                return new StageOutcome(SshLoginStage.KeyExchange, SshLoginStage.HostKey, trace.HostKey.Message + " The login stopped there: SshTriage never accepts an unverified host key.");
            }

            if (!trace.Authenticated)
            {
                return new StageOutcome(SshLoginStage.HostKey, SshLoginStage.Authentication, AuthenticationReason(trace, allowed, userName));
            }

            var method = trace.Attempts.LastOrDefault(a => a.Result == "Success")?.Method ?? "none";
            return new StageOutcome(SshLoginStage.Session, null, $"{userName} logged in ({method}); the connection was closed without opening a channel.");
        }

        private static string AuthenticationReason(SshLoginTrace trace, IReadOnlyList<string> allowedMethods, string userName)
        {
            var allowed = allowedMethods.Count == 0 ? "methods it did not name" : string.Join(", ", allowedMethods);
            if (trace.Attempts.Count == 0)
            {
                if (trace.TimedOut)
                {
                    return $"The server did not answer the login of {userName} in time: {trace.Failure}";
                }

                return allowedMethods.Count == 0
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

        // The stage reached (empty before the TCP connection), the one that failed (empty on success) and why.
        private sealed record StageOutcome(SshLoginStage? Reached, SshLoginStage? Failed, string Reason);
    }
}
