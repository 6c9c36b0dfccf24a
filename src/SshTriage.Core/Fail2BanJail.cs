using System;

namespace SshTriage
{
    /// <summary>One Fail2Ban jail on a server: what it watches, its limits, and whom it bans.</summary>
    public sealed class Fail2BanJail
    {
        internal Fail2BanJail(string computerName, string name)
        {
            ComputerName = computerName;
            Name = name;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The jail's name, e.g. sshd or recidive.</summary>
        public string Name { get; }

        /// <summary>The ports the jail's actions block, as configured (e.g. ssh, or 22,2222).</summary>
        public string? Port { get; internal init; }

        /// <summary>The jail's actions.</summary>
        public string[] Actions { get; internal init; } = Array.Empty<string>();

        /// <summary>The action that blocks (iptables-multiport, nftables-multiport, ufw, ...): the first firewall action.</summary>
        public string? BanAction { get; internal init; }

        /// <summary>Addresses with failures counted now.</summary>
        public int? CurrentlyFailed { get; internal init; }

        /// <summary>Failures counted since the jail started.</summary>
        public int? TotalFailed { get; internal init; }

        /// <summary>Addresses banned now.</summary>
        public int? CurrentlyBanned { get; internal init; }

        /// <summary>Bans since the jail started.</summary>
        public int? TotalBanned { get; internal init; }

        /// <summary>The addresses banned now.</summary>
        public string[] BannedIp { get; internal init; } = Array.Empty<string>();

        /// <summary>Addresses and networks the jail never bans.</summary>
        public string[] IgnoreIp { get; internal init; } = Array.Empty<string>();

        /// <summary>How long a ban lasts; negative means permanent.</summary>
        public TimeSpan? BanTime { get; internal init; }

        /// <summary>The window in which failures are counted.</summary>
        public TimeSpan? FindTime { get; internal init; }

        /// <summary>Failures within FindTime that trigger a ban.</summary>
        public int? MaxRetry { get; internal init; }

        /// <summary>The log files the jail reads, or its journal matches.</summary>
        public string[] LogPath { get; internal init; } = Array.Empty<string>();
    }
}
