namespace SshTriage
{
    /// <summary>What Unblock-Fail2BanIp did for one address in one jail.</summary>
    public sealed class Fail2BanUnbanResult
    {
        internal Fail2BanUnbanResult(string computerName, string jail, string ipAddress)
        {
            ComputerName = computerName;
            Jail = jail;
            IPAddress = ipAddress;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The jail.</summary>
        public string Jail { get; }

        /// <summary>The address or prefix.</summary>
        public string IPAddress { get; }

        /// <summary>True when the jail banned the address before the call.</summary>
        public bool WasBanned { get; internal init; }

        /// <summary>True when the ban was lifted.</summary>
        public bool Unbanned { get; internal init; }

        /// <summary>True when the address was added to the jail's ignoreip in jail.local.</summary>
        public bool IgnoreListUpdated { get; internal init; }

        /// <summary>The file that holds the ignoreip, when -AddToIgnoreList was given.</summary>
        public string? ConfigPath { get; internal init; }

        /// <summary>The copy of the file from before the change.</summary>
        public string? BackupPath { get; internal init; }
    }
}
