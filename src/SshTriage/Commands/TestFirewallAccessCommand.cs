using System.Management.Automation;
using System.Net;
using SshTriage.Collection;
using SshTriage.Firewall;

namespace SshTriage.Commands
{
    /// <summary>Test-FirewallAccess: walks the input path a new connection takes and reports the verdict and the rule that decides it.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "FirewallAccess", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(FirewallVerdict))]
    public sealed class TestFirewallAccessCommand : LiteralEvidenceCmdlet
    {
        /// <summary>The source address of the connection, as the server sees it.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VisibleAddress")]
        [AddressArgument]
        public IPAddress SourceAddress { get; set; } = IPAddress.None;

        /// <summary>The destination port.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>tcp or udp.</summary>
        [Parameter]
        [ValidateSet("tcp", "udp")]
        public string Protocol { get; set; } = "tcp";

        /// <summary>The interface the connection arrives on; without it, rules bound to another interface make the verdict Unknown.</summary>
        [Parameter]
        [ValidatePattern(@"^[A-Za-z0-9_.:@-]{1,15}$")]
        public string? InterfaceName { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Test-FirewallAccess";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            var packet = new PacketQuery(SourceAddress, Port, Protocol.ToLowerInvariant(), InterfaceName);
            return new ServerQuery(Activity, EvidencePlans.FirewallAccess(packet), ThrottleLimit, CancelToken);
        }
    }
}
