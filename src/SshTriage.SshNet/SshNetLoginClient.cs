using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshTriage.Login;
using SshTriage.Remote;
using SshTriage.Remote.HostKeys;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Test-SshLogin's connection over SSH.NET: the same algorithm policy and host key checks as
    /// the transport, each authentication method recorded with the server's answer, and on
    /// success the connection closed at once: no channel is opened and no command runs.
    /// </summary>
    public sealed class SshNetLoginClient : ISshLoginClient
    {
        // SSH.NET's words when the server allows none of the methods it was given: the list is the server's.
        private static readonly Regex NoSuitableMethod = new Regex(@"^No suitable authentication method found to complete authentication \(([^)]*)\)", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public async Task<SshLoginTrace> LoginAsync(RemoteTarget target, IPAddress address, IReadOnlyList<string> hostKeyAlgorithms, CancellationToken cancellationToken)
        {
            var trace = new SshLoginTrace();
            var host = target.ComputerName;
            var user = target.LoginName;
            var verifier = HostKeyVerifier.For(target);
            var plain = SshLogin.Methods(user, target, host);
            trace.OfferedMethods = plain.Select(m => m.Name).ToList();
            trace.OfferedKeys = plain.SelectMany(KeysOf).ToList();
            // SSH.NET calls back on its own threads, and a connect that timed out may still call: nothing is recorded once the wait is over.
            var gate = new object();
            var over = false;
            void Record(Action step)
            {
                lock (gate)
                {
                    if (!over)
                    {
                        step();
                    }
                }
            }

            var methods = plain.Select(m => (AuthenticationMethod)new RecordingAuthentication(m, KeysOf(m), attempt => Record(() => trace.Attempts.Add(attempt)))).ToArray();
            var info = VerifiedClient.Settings(address.ToString(), target.Port, user, methods, target.Timeout, verifier, host, target.Port, Array.Empty<KeyValuePair<string, string>>());
            ClientOffer.RestrictHostKeys(info, hostKeyAlgorithms);
            trace.ClientOffer = ClientOffer.Of(info);

            var clock = Stopwatch.StartNew();
            TimeSpan? identified = null;
            TimeSpan? keyAccepted = null;
            var client = VerifiedClient.Create(info, verifier, host, target.Port, (verdict, checkTime) => Record(() =>
            {
                var received = clock.Elapsed - checkTime;
                trace.HostKey = verdict;
                trace.HostKeyTime = checkTime;
                trace.KeyExchangeTime = received - (identified ?? TimeSpan.Zero);
                keyAccepted = verdict.IsTrusted ? clock.Elapsed : (TimeSpan?)null;
            }));
            client.ServerIdentificationReceived += (sender, e) => Record(() =>
            {
                identified = clock.Elapsed;
                trace.ServerVersion = e.SshIdentification.ToString();
            });

            try
            {
                var failure = await BoundedConnect.RunAsync(client, target.Timeout, cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    over = true;
                }

                cancellationToken.ThrowIfCancellationRequested();
                trace.AuthenticationTime = clock.Elapsed - keyAccepted;
                if (failure == null)
                {
                    trace.Authenticated = true;
                    var closing = Stopwatch.StartNew();
                    client.Disconnect();
                    trace.SessionTime = closing.Elapsed;
                }
                else
                {
                    Describe(trace, failure);
                }

                return trace;
            }
            finally
            {
                client.Dispose();
                foreach (var method in methods)
                {
                    method.Dispose();
                }
            }
        }

        private static void Describe(SshLoginTrace trace, Exception failure)
        {
            trace.TimedOut = failure is TimeoutException || failure is SshOperationTimeoutException;
            trace.Failure = trace.TimedOut ? "no answer within the timeout." : failure.Message;
            var allowed = NoSuitableMethod.Match(failure.Message);
            if (allowed.Success)
            {
                trace.AllowedMethods = allowed.Groups[1].Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
            }
        }

        // The public keys a publickey method offers, as type and SHA256 fingerprint.
        private static IReadOnlyList<string> KeysOf(AuthenticationMethod method) =>
            method is PrivateKeyAuthenticationMethod keys
                ? keys.KeyFiles.Select(k => k.HostKeyAlgorithms.First()).Select(k => HostKeyFingerprint.Label(k.Name) + " " + HostKeyFingerprint.Sha256(k.Data)).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
    }
}
