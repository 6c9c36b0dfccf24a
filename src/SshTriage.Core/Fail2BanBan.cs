using System;
using System.Net;

namespace SshTriage
{
    /// <summary>One address banned by one jail.</summary>
    public sealed class Fail2BanBan
    {
        internal Fail2BanBan(string computerName, string jail, IPAddress ipAddress)
        {
            ComputerName = computerName;
            Jail = jail;
            IPAddress = ipAddress;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The jail that banned it.</summary>
        public string Jail { get; }

        /// <summary>The banned address, as the server saw it (a gateway's or proxy's address stands for everyone behind it).</summary>
        public IPAddress IPAddress { get; }

        /// <summary>When the ban began.</summary>
        public DateTimeOffset? BannedAt { get; internal init; }

        /// <summary>When it ends; empty when permanent.</summary>
        public DateTimeOffset? ExpiresAt { get; internal init; }

        /// <summary>Whether the firewall really blocks the address.</summary>
        public BanEnforcement Enforcement { get; internal init; } = BanEnforcement.Unknown;

        /// <summary>The firewall object that was checked, e.g. "iptables chain f2b-sshd" or "nft set inet f2b-table addr-set-sshd".</summary>
        public string? EnforcedBy { get; internal init; }

        /// <summary>The jail's blocking action.</summary>
        public string? BanAction { get; internal init; }
    }
}
