using System;
using System.Management.Automation;
using System.Net;
using SshTriage.Diagnosis;
using SshTriage.Server;

namespace SshTriage.Commands
{
    /// <summary>Find-SshRejectCause: from the symptom to the proven cause, with the evidence that shows it and the remedy.</summary>
    [Cmdlet(VerbsCommon.Find, "SshRejectCause", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshRejectCause))]
    public sealed class FindSshRejectCauseCommand : ServerCmdlet
    {
        /// <summary>The SSH port that refuses.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>The failing client's address, when you triage for someone else; by default this machine's.</summary>
        [Parameter]
        public IPAddress? ClientAddress { get; set; }

        /// <summary>The account the failing client logs in as.</summary>
        [Parameter]
        [ValidatePattern(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
        public string? ClientUser { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Find-SshRejectCause";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            // A saved bundle or this machine itself: no probe from here would show the client's symptom.
            TimeSpan? probe = ParameterSetName == RemoteSet ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
            var report = new CauseReport(Port, ClientAddress, ClientUser, probe, CancelToken);
            return new ServerQuery(Activity, report.Sections, report.Read, ThrottleLimit, CancelToken);
        }
    }
}
