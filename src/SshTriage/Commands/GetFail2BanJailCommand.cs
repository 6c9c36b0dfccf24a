using System.Management.Automation;
using SshTriage.Collection;

namespace SshTriage.Commands
{
    /// <summary>Get-Fail2BanJail: a server's Fail2Ban jails with their counts, ban lists, actions, ignoreip and ports.</summary>
    [Cmdlet(VerbsCommon.Get, "Fail2BanJail", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(Fail2BanJail))]
    public sealed class GetFail2BanJailCommand : LiteralEvidenceCmdlet
    {
        /// <summary>Only jails with these names; wildcards are allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidatePattern(@"^[A-Za-z0-9_.\-*?\[\]]+$")]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-Fail2BanJail";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery() =>
            new ServerQuery(Activity, EvidencePlans.Fail2BanJails(Name), ThrottleLimit, CancelToken);
    }
}
