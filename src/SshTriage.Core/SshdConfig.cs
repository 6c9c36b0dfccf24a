using System;
using System.Collections.Generic;

namespace SshTriage
{
    /// <summary>sshd's effective configuration (sshd -T, with Match blocks evaluated when a user, host or address is given) and whether the file on disk is valid (sshd -t).</summary>
    public sealed class SshdConfig
    {
        internal SshdConfig(string computerName, IReadOnlyDictionary<string, string[]> settings)
        {
            ComputerName = computerName;
            Settings = settings;
        }

        /// <summary>The server the evidence came from.</summary>
        public string ComputerName { get; }

        /// <summary>The user the Match blocks were evaluated for, if any.</summary>
        public string? MatchUser { get; internal init; }

        /// <summary>The client host name the Match blocks were evaluated for, if any.</summary>
        public string? MatchHost { get; internal init; }

        /// <summary>The client address the Match blocks were evaluated for, if any.</summary>
        public string? MatchAddress { get; internal init; }

        /// <summary>Ports sshd listens on.</summary>
        public int[] Port { get; internal init; } = Array.Empty<int>();

        /// <summary>Addresses sshd binds, as host:port.</summary>
        public string[] ListenAddress { get; internal init; } = Array.Empty<string>();

        /// <summary>any, inet or inet6.</summary>
        public string? AddressFamily { get; internal init; }

        /// <summary>AllowUsers patterns; empty when everyone may log in.</summary>
        public string[] AllowUsers { get; internal init; } = Array.Empty<string>();

        /// <summary>DenyUsers patterns.</summary>
        public string[] DenyUsers { get; internal init; } = Array.Empty<string>();

        /// <summary>AllowGroups patterns.</summary>
        public string[] AllowGroups { get; internal init; } = Array.Empty<string>();

        /// <summary>DenyGroups patterns.</summary>
        public string[] DenyGroups { get; internal init; } = Array.Empty<string>();

        /// <summary>start:rate:full of unauthenticated connections, e.g. 10:30:100.</summary>
        public string? MaxStartups { get; internal init; }

        /// <summary>OpenSSH 9.8+ per-source penalties; empty on older servers.</summary>
        public string? PerSourcePenalties { get; internal init; }

        /// <summary>yes, no, prohibit-password or forced-commands-only.</summary>
        public string? PermitRootLogin { get; internal init; }

        /// <summary>Whether passwords are accepted.</summary>
        public bool? PasswordAuthentication { get; internal init; }

        /// <summary>Whether public keys are accepted.</summary>
        public bool? PubkeyAuthentication { get; internal init; }

        /// <summary>Whether sshd looks up the client's name.</summary>
        public bool? UseDns { get; internal init; }

        /// <summary>Seconds a client has to authenticate; 0 means no limit.</summary>
        public int? LoginGraceTime { get; internal init; }

        /// <summary>Every keyword sshd -T printed, lower-cased keys looked up case-insensitively; repeated keywords keep every value.</summary>
        public IReadOnlyDictionary<string, string[]> Settings { get; }

        /// <summary>Whether sshd -t accepted the configuration on disk; empty when it could not be checked.</summary>
        public bool? IsValid { get; internal init; }

        /// <summary>What sshd -t said when it refused the configuration.</summary>
        public string? ValidationMessage { get; internal init; }
    }
}
