using System.Management.Automation;
using SshTriage.Collection;
using SshTriage.Firewall;
using SshTriage.Net;

namespace SshTriage.Commands
{
    /// <summary>Get-FirewallRule: the host's firewall rules from iptables (nft and legacy), nftables, ufw and firewalld, typed.</summary>
    [Cmdlet(VerbsCommon.Get, "FirewallRule", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(FirewallRule))]
    public sealed class GetFirewallRuleCommand : LiteralEvidenceCmdlet
    {
        /// <summary>Only rules that can apply to this destination port.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>Only rules whose source can hold this address or prefix.</summary>
        [Parameter]
        [AddressArgument(AllowPrefix = true)]
        public string? SourceAddress { get; set; }

        /// <summary>Only rules with these actions.</summary>
        [Parameter]
        public FirewallAction[]? Action { get; set; }

        /// <summary>Only rules in these chains; wildcards are allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Chain { get; set; }

        /// <summary>Only rules of these firewalls.</summary>
        [Parameter]
        public FirewallBackend[]? Backend { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-FirewallRule";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            var source = SourceAddress == null ? (IPPrefix?)null : IPPrefix.Parse(SourceAddress);
            return new ServerQuery(Activity, EvidencePlans.FirewallRules(new FirewallRuleFilter(Port, source, Action, Chain, Backend)), ThrottleLimit, CancelToken);
        }
    }
}
