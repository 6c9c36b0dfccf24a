using SshTriage.Net;
using SshTriage.Remote;

namespace SshTriage.Fail2Ban
{
    /// <summary>One Unblock-Fail2BanIp input: which address, which jail (null = every jail that bans it), on which server.</summary>
    /// <param name="Target">The server.</param>
    /// <param name="Address">The address, or a prefix whose banned addresses are all unbanned.</param>
    /// <param name="Jail">The jail; null means every jail that bans the address.</param>
    /// <param name="AddToIgnoreList">Also add the address to the jail's ignoreip in jail.local, for good.</param>
    /// <param name="Force">Allow an ignoreip prefix wider than /24 (IPv4) or /64 (IPv6).</param>
    public sealed record UnbanRequest(RemoteTarget Target, IPPrefix Address, string? Jail, bool AddToIgnoreList, bool Force);
}
