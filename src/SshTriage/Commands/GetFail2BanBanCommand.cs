using System.Management.Automation;
using SshTriage.Collection;
using SshTriage.Net;

namespace SshTriage.Commands
{
    /// <summary>Get-Fail2BanBan: one object per ban, with its times and whether the firewall really enforces it.</summary>
    [Cmdlet(VerbsCommon.Get, "Fail2BanBan", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(Fail2BanBan))]
    public sealed class GetFail2BanBanCommand : LiteralEvidenceCmdlet
    {
        /// <summary>Only bans of this address, or inside this prefix (198.51.100.0/24).</summary>
        [Parameter]
        [AddressArgument(AllowPrefix = true)]
        public string? IPAddress { get; set; }

        /// <summary>Only bans of these jails; wildcards are allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidatePattern(@"^[A-Za-z0-9_.\-*?\[\]]+$")]
        public string[]? Jail { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-Fail2BanBan";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            var prefix = IPAddress == null ? (IPPrefix?)null : IPPrefix.Parse(IPAddress);
            return new ServerQuery(Activity, EvidencePlans.Fail2BanBans(Jail, prefix), ThrottleLimit, CancelToken);
        }
    }
}
