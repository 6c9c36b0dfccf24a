using System;
using System.Net;

namespace SshTriage
{
    /// <summary>One address banned by one jail.</summary>
    public sealed class Fail2BanBan
    {
        // The two times in their parts (clock ticks plus one, 0 for none; the offset in minutes):
        // a Fail2Ban server may hold 100,000 bans, and two DateTimeOffset? fields take 48 bytes
        // of each, these 20.
        private readonly long bannedAtTicks;
        private readonly long expiresAtTicks;
        private readonly short bannedAtOffset;
        private readonly short expiresAtOffset;

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
        public DateTimeOffset? BannedAt
        {
            get => Time(bannedAtTicks, bannedAtOffset);
            internal init => (bannedAtTicks, bannedAtOffset) = Parts(value);
        }

        /// <summary>When it ends; empty when permanent.</summary>
        public DateTimeOffset? ExpiresAt
        {
            get => Time(expiresAtTicks, expiresAtOffset);
            internal init => (expiresAtTicks, expiresAtOffset) = Parts(value);
        }

        /// <summary>Whether the firewall really blocks the address.</summary>
        public BanEnforcement Enforcement { get; internal init; } = BanEnforcement.Unknown;

        /// <summary>The firewall object that was checked, e.g. "iptables chain f2b-sshd" or "nft set inet f2b-table addr-set-sshd".</summary>
        public string? EnforcedBy { get; internal init; }

        /// <summary>The jail's blocking action.</summary>
        public string? BanAction { get; internal init; }

        private static DateTimeOffset? Time(long ticks, short offset) =>
            ticks == 0 ? null : new DateTimeOffset(ticks - 1, TimeSpan.FromMinutes(offset));

        private static (long Ticks, short Offset) Parts(DateTimeOffset? time) =>
            time is DateTimeOffset at ? (at.Ticks + 1, (short)at.Offset.TotalMinutes) : (0, (short)0);
    }
}
