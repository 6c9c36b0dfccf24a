using System;
using System.Management.Automation;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Collection;
using SshTriage.Sshd;

namespace SshTriage.Commands
{
    /// <summary>Get-SshLogEvent: sshd's log lines for an address, a user or a time, typed (Accepted, Failed, NotAllowed, RefusedConnect, ...).</summary>
    [Cmdlet(VerbsCommon.Get, "SshLogEvent", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshLogEvent))]
    public sealed class GetSshLogEventCommand : ServerCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Plain log files to parse instead (a copied auth.log, a journalctl -o short export); wildcards are expanded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Plain log files named exactly: no character is a wildcard (Get-ChildItem's output binds here by PSPath).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("LP", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Saved collector output named exactly (here -LiteralPath names log files).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralEvidenceSet)]
        [ValidateNotNullOrEmpty]
        public string[] LiteralEvidencePath { get; set; } = Array.Empty<string>();

        /// <summary>Only events that name this client address (as the server saw it).</summary>
        [Parameter]
        [AddressArgument]
        public IPAddress? IPAddress { get; set; }

        /// <summary>Only events that name this user: the account a client logs in as (as Find-SshRejectCause's -ClientUser).</summary>
        [Parameter]
        [Alias("User")]
        [ValidatePattern(AccountName.Pattern)]
        public string? ClientUser { get; set; }

        /// <summary>Only events at or after this time.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only the newest this many events.</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int? Last { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Get-SshLogEvent";

        /// <inheritdoc />
        protected override string[] LiteralEvidence => LiteralEvidencePath;

        private bool ReadsLogFiles => ParameterSetName == PathSet || ParameterSetName == LiteralPathSet;

        private SshLogFilter Filter => new SshLogFilter(IPAddress, ClientUser, Since.HasValue ? new DateTimeOffset(Since.Value) : (DateTimeOffset?)null, Last);

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            return new ServerQuery(Activity, EvidencePlans.SshLog(Filter), ThrottleLimit, CancelToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!ReadsLogFiles)
            {
                base.ProcessRecord();
                return;
            }

            var literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
            {
                foreach (var file in PathResolver.Inputs(this, path, literal, "SshLogPath"))
                {
                    RunCore(() => SshLogFile.Read(file, Filter, Sink, CancelToken));
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (!ReadsLogFiles)
            {
                base.EndProcessing();
            }
        }
    }
}
