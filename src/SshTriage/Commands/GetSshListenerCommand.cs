using System.Management.Automation;
using SshTriage.Collection;

namespace SshTriage.Commands
{
    /// <summary>Get-SshListener: who listens on which address and port on a server, and whether systemd owns the socket.</summary>
    [Cmdlet(VerbsCommon.Get, "SshListener", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshListener))]
    public sealed class GetSshListenerCommand : LiteralEvidenceCmdlet
    {
        /// <summary>Only sockets on these ports; by default sshd's sockets, ssh socket units and port 22.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int[]? Port { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-SshListener";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            return new ServerQuery(Activity, EvidencePlans.Listeners(Port), ThrottleLimit, CancelToken);
        }
    }
}
