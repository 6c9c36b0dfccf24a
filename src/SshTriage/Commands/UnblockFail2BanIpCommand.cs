using System.Management.Automation;
using SshTriage.Fail2Ban;
using SshTriage.Net;

namespace SshTriage.Commands
{
    /// <summary>
    /// Unblock-Fail2BanIp: lifts a Fail2Ban ban, and with -AddToIgnoreList adds the address to
    /// the jail's ignoreip in jail.local safely (backup, atomic replace, test, rollback).
    /// </summary>
    [Cmdlet(VerbsSecurity.Unblock, "Fail2BanIp", DefaultParameterSetName = RemoteSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Fail2BanUnbanResult))]
    public sealed class UnblockFail2BanIpCommand : RemoteCmdlet
    {
        private readonly Fail2BanUnblocker unblocker = new Fail2BanUnblocker();

        /// <summary>The banned address, or a prefix whose banned addresses are all unbanned.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AddressArgument(AllowPrefix = true)]
        public string IPAddress { get; set; } = string.Empty;

        /// <summary>The jail; by default every jail that bans the address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(@"^[A-Za-z0-9_.-]+$")]
        public string? Jail { get; set; }

        /// <summary>Also add the address to the jail's ignoreip in jail.local, so it is never banned again.</summary>
        [Parameter]
        public SwitchParameter AddToIgnoreList { get; set; }

        /// <summary>Allow -AddToIgnoreList with a prefix wider than /24 (IPv4) or /64 (IPv6).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var address = IPPrefix.Parse(IPAddress);
            var names = ParameterSetName == LocalSet ? new[] { string.Empty } : ComputerName;
            foreach (var name in names)
            {
                if (BuildTarget(name) is Remote.RemoteTarget target)
                {
                    RunCore(() => unblocker.Run(new UnbanRequest(target, address, Jail, AddToIgnoreList, Force), Sink, CancelToken));
                }
            }
        }
    }
}
