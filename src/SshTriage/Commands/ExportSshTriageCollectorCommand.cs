using System.IO;
using System.Management.Automation;
using System.Text;
using SshTriage.Evidence;
using SshTriage.Server;

namespace SshTriage.Commands
{
    /// <summary>
    /// Export-SshTriageCollector: the collector as a standalone POSIX sh script, for a console
    /// (cloud serial console, KVM, a colleague at the machine) when SSH is down for everyone.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SshTriageCollector", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportSshTriageCollectorCommand : SshTriageCmdlet
    {
        /// <summary>Write the script to this file instead of the pipeline.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

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

            if (Path == null)
            {
                WriteObject(script);
                return;
            }

            var file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (File.Exists(file) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"{file} exists. Add -Force to overwrite it."),
                    "CollectorFileExists",
                    ErrorCategory.ResourceExists,
                    file));
            }

            if (ShouldProcess(file, "Write the SshTriage collector script"))
            {
                // LF line endings and no BOM: the script runs under sh on the server.
                File.WriteAllText(file, script, new UTF8Encoding(false));
                WriteObject(new FileInfo(file));
            }
        }
    }
}
