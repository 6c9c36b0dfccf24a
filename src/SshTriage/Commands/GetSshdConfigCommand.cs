using System.Management.Automation;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Collection;
using SshTriage.Probing;

namespace SshTriage.Commands
{
    /// <summary>Get-SshdConfig: sshd's effective configuration, with Match blocks evaluated for a user, host or address, and whether the file on disk is valid.</summary>
    [Cmdlet(VerbsCommon.Get, "SshdConfig", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshdConfig))]
    public sealed class GetSshdConfigCommand : LiteralEvidenceCmdlet
    {
        /// <summary>Evaluate Match blocks for this user.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        [ValidatePattern(AccountName.Pattern)]
        public string? MatchUser { get; set; }

        /// <summary>Evaluate Match blocks for a client with this host name.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        [ValidateNotNullOrEmpty]
        public string? MatchHost { get; set; }

        /// <summary>Evaluate Match blocks for a client at this address.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        [AddressArgument]
        public IPAddress? MatchAddress { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-SshdConfig";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            if (MatchHost != null && !ComputerNameParser.TryParse(MatchHost, out _, out var problem))
            {
                ThrowTerminatingError(new ErrorRecord(new System.ArgumentException(problem), "InvalidMatchHost", ErrorCategory.InvalidArgument, MatchHost));
            }

            return new ServerQuery(Activity, EvidencePlans.SshdConfig(MatchUser, MatchHost, MatchAddress), ThrottleLimit, CancelToken);
        }
    }
}
