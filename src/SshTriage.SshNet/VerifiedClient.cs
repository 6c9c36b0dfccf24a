using System;
using System.Collections.Generic;
using System.Diagnostics;
using Renci.SshNet;
using SshTriage.Remote.HostKeys;

namespace SshTriage.SshNet
{
    /// <summary>
    /// An SSH.NET client as the module uses it: OpenSSH's algorithm policy and the algorithm
    /// options of -SshOption, the host key types known_hosts holds asked for first, and every offered host key judged by the verifier under
    /// the host's own name and port (the connection fails unless the key is trusted).
    /// </summary>
    internal static class VerifiedClient
    {
        /// <summary>The connection settings for <paramref name="address"/>:<paramref name="connectPort"/>, whose key is checked as <paramref name="host"/>:<paramref name="port"/>.</summary>
        public static ConnectionInfo Settings(string address, int connectPort, string user, AuthenticationMethod[] methods, TimeSpan timeout, HostKeyVerifier verifier, string host, int port, IEnumerable<KeyValuePair<string, string>> options)
        {
            var info = new ConnectionInfo(address, connectPort, user, methods) { Timeout = timeout };
            AlgorithmPolicy.Apply(info);

            // A HostKeyAlgorithms option is the user's order, as with ssh.
            if (!AlgorithmOptions.Apply(info, options, host))
            {
                HostKeyAlgorithmOrder.Apply(info, verifier.KnownKeyTypes(host, port), verifier.HasAuthority(host, port));
            }

            return info;
        }

        /// <summary>A client over <paramref name="info"/> that hands each verdict, and how long the check took, to <paramref name="judged"/> before trusting the key or not.</summary>
        public static SshClient Create(ConnectionInfo info, HostKeyVerifier verifier, string host, int port, Action<HostKeyVerdict, TimeSpan> judged)
        {
            var client = new SshClient(info);
            client.HostKeyReceived += (sender, e) =>
            {
                var check = Stopwatch.StartNew();
                var verdict = verifier.Verify(host, port, OfferedHostKey.Of(e), certificate => AuthoritySignature.Verifies(info.HostKeyAlgorithms, certificate), DateTimeOffset.UtcNow);
                judged(verdict, check.Elapsed);
                e.CanTrust = verdict.IsTrusted;
            };
            return client;
        }
    }
}
