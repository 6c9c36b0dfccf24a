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
        public string? Port { get; internal set; }

        /// <summary>The jail's actions.</summary>
        public string[] Actions { get; internal set; } = Array.Empty<string>();

        /// <summary>The action that blocks (iptables-multiport, nftables-multiport, ufw, ...): the first firewall action.</summary>
        public string? BanAction { get; internal set; }

        /// <summary>Addresses with failures counted now.</summary>
        public int? CurrentlyFailed { get; internal set; }

        /// <summary>Failures counted since the jail started.</summary>
        public int? TotalFailed { get; internal set; }

        /// <summary>Addresses banned now.</summary>
        public int? CurrentlyBanned { get; internal set; }

        /// <summary>Bans since the jail started.</summary>
        public int? TotalBanned { get; internal set; }

        /// <summary>The addresses banned now.</summary>
        public string[] BannedIp { get; internal set; } = Array.Empty<string>();

        /// <summary>Addresses and networks the jail never bans.</summary>
        public string[] IgnoreIp { get; internal set; } = Array.Empty<string>();

        /// <summary>How long a ban lasts; negative means permanent.</summary>
        public TimeSpan? BanTime { get; internal set; }

        /// <summary>The window in which failures are counted.</summary>
        public TimeSpan? FindTime { get; internal set; }

        /// <summary>Failures within FindTime that trigger a ban.</summary>
        public int? MaxRetry { get; internal set; }

        /// <summary>The log files the jail reads, or its journal matches.</summary>
        public string[] LogPath { get; internal set; } = Array.Empty<string>();
    }
}
