using SshTriage.Net;
using SshTriage.Remote;

namespace SshTriage.Fail2Ban
{
    /// <summary>One Unblock-Fail2BanIp input: which address, which jail (null = every jail that bans it), on which server.</summary>
    public sealed class UnbanRequest
    {
        /// <summary>Creates a request.</summary>
        public UnbanRequest(RemoteTarget target, IPPrefix address, string? jail, bool addToIgnoreList, bool force)
        {
            Target = target;
            Address = address;
            Jail = jail;
            AddToIgnoreList = addToIgnoreList;
            Force = force;
        }

        /// <summary>The server.</summary>
        public RemoteTarget Target { get; }

        /// <summary>The address, or a prefix whose banned addresses are all unbanned.</summary>
        public IPPrefix Address { get; }

        /// <summary>The jail; null means every jail that bans the address.</summary>
        public string? Jail { get; }

        /// <summary>Also add the address to the jail's ignoreip in jail.local, for good.</summary>
        public bool AddToIgnoreList { get; }

        /// <summary>Allow an ignoreip prefix wider than /24 (IPv4) or /64 (IPv6).</summary>
        public bool Force { get; }
    }
}
