using System;
using System.Collections.Generic;
using SshTriage.Remote;

namespace SshTriage.Login
{
    /// <summary>Settings of one Test-SshLogin call: who logs in and how, which host keys to trust, and the limits.</summary>
    public sealed class SshLoginOptions
    {
        /// <summary>Default seconds for each probe step, and for the login connection as a whole.</summary>
        public const int DefaultTimeoutSec = 15;

        /// <summary>Default number of logins walked at once.</summary>
        public const int DefaultThrottleLimit = 32;

        /// <summary>Creates the settings.</summary>
        /// <param name="userName">The login name; null takes the credential's.</param>
        /// <param name="keyFilePath">The private key to offer (full path), or null.</param>
        /// <param name="credential">A password login, or null.</param>
        /// <param name="hostKeyFingerprints">SHA256 fingerprints to accept instead of known_hosts.</param>
        /// <param name="timeout">The limit for each probe step and for the login connection.</param>
        /// <param name="throttleLimit">How many targets are walked at once.</param>
        /// <param name="knownHostsOptions">UserKnownHostsFile / GlobalKnownHostsFile, as ssh options; empty for ssh's defaults.</param>
        /// <param name="hostKeyAlgorithms">The host key algorithms the client may offer; empty for all it has.</param>
        public SshLoginOptions(
            string? userName,
            string? keyFilePath,
            RemoteCredential? credential,
            IReadOnlyList<string>? hostKeyFingerprints,
            TimeSpan timeout,
            int throttleLimit = DefaultThrottleLimit,
            IReadOnlyList<KeyValuePair<string, string>>? knownHostsOptions = null,
            IReadOnlyList<string>? hostKeyAlgorithms = null)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
            }

            UserName = userName;
            KeyFilePath = keyFilePath;
            Credential = credential;
            HostKeyFingerprints = hostKeyFingerprints ?? Array.Empty<string>();
            Timeout = timeout;
            ThrottleLimit = throttleLimit;
            KnownHostsOptions = knownHostsOptions ?? Array.Empty<KeyValuePair<string, string>>();
            HostKeyAlgorithms = hostKeyAlgorithms ?? Array.Empty<string>();
        }

        /// <summary>The login name; null takes the credential's.</summary>
        public string? UserName { get; }

        /// <summary>The private key to offer, or null.</summary>
        public string? KeyFilePath { get; }

        /// <summary>A password login, or null.</summary>
        public RemoteCredential? Credential { get; }

        /// <summary>SHA256 fingerprints to accept instead of known_hosts.</summary>
        public IReadOnlyList<string> HostKeyFingerprints { get; }

        /// <summary>The limit for each probe step and for the login connection.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How many targets are walked at once.</summary>
        public int ThrottleLimit { get; }

        /// <summary>Which known_hosts files to read, as ssh options.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> KnownHostsOptions { get; }

        /// <summary>The host key algorithms the client may offer; empty for all it has.</summary>
        public IReadOnlyList<string> HostKeyAlgorithms { get; }
    }
}
