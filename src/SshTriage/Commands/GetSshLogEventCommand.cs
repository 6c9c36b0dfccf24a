using System;
using System.Management.Automation;
using System.Net;
using SshTriage.Server;

namespace SshTriage.Commands
{
    /// <summary>Get-SshLogEvent: sshd's log lines for an address, a user or a time, typed (Accepted, Failed, NotAllowed, RefusedConnect, ...).</summary>
    [Cmdlet(VerbsCommon.Get, "SshLogEvent", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshLogEvent))]
    public sealed class GetSshLogEventCommand : ServerCmdlet
    {
        private const string PathSet = "Path";

        /// <summary>A plain log file to parse instead (a copied auth.log, a journalctl -o short export).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Only events that name this client address (as the server saw it).</summary>
        [Parameter]
        public IPAddress? IPAddress { get; set; }

        /// <summary>Only events that name this user.</summary>
        [Parameter]
        [ValidatePattern(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
        public string? User { get; set; }

        /// <summary>Only events at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only the newest this many events.</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int? Last { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-SshLogEvent";

        private SshLogFilter Filter => new SshLogFilter(IPAddress, User, Since.HasValue ? new DateTimeOffset(Since.Value) : (DateTimeOffset?)null, Last);

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            var report = new SshLogReport(Filter);
            return new ServerQuery(Activity, report.Sections, report.Read, ThrottleLimit, CancelToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName != PathSet)
            {
                base.ProcessRecord();
                return;
            }

            foreach (var path in Path)
            {
                foreach (var file in ResolvePaths(path))
                {
                    RunCore(() => SshLogFile.Read(file, Filter, Sink, CancelToken));
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName != PathSet)
            {
                base.EndProcessing();
            }
        }
    }
}
