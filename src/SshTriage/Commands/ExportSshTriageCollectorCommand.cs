using System.IO;
using System.Management.Automation;
using SshTriage.Collection;
using SshTriage.Evidence;

namespace SshTriage.Commands
{
    /// <summary>
    /// Export-SshTriageCollector: the collector as a standalone POSIX sh script, for a console
    /// (cloud serial console, KVM, a colleague at the machine) when SSH is down for everyone.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SshTriageCollector", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportSshTriageCollectorCommand : SshTriageCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Write the script to this file instead of the pipeline; wildcards may name one existing file.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Write the script to this file, named exactly: no character is a wildcard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("LP", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>Make the script print its output as gzip and base64 with a checksum.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var script = CollectorScript.Build(CollectorSections.All);
            if (Compress)
            {
                script = CollectorScript.Compressed(script);
            }

            var literal = ParameterSetName == LiteralPathSet;
            if (!literal && Path == null)
            {
                WriteObject(script);
                return;
            }

            if (!(PathResolver.Output(this, literal ? LiteralPath! : Path!, literal, "CollectorPath") is string file))
            {
                return;
            }

            if (File.Exists(file) && !Force)
            {
                WriteError(new ErrorRecord(
                    new IOException($"{file} exists. Add -Force to overwrite it."),
                    "CollectorFileExists",
                    ErrorCategory.ResourceExists,
                    file));
                return;
            }

            // LF line endings and no BOM: the script runs under sh on the server.
            if (ShouldProcess(file, "Write the SshTriage collector script") && TextFile.TryWrite(file, script, "CollectorNotSaved", Sink))
            {
                WriteObject(new FileInfo(file));
            }
        }
    }
}
