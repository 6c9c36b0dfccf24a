using System;
using System.IO;
using System.Management.Automation;
using SshTriage.Evidence;

namespace SshTriage.Commands
{
    /// <summary>Save-SshTriageEvidence: runs the full collector on servers over ssh (or here, with -Local) and saves each output as a bundle file.</summary>
    [Cmdlet(VerbsData.Save, "SshTriageEvidence", DefaultParameterSetName = RemoteSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveSshTriageEvidenceCommand : RemoteCmdlet
    {
        private readonly EvidenceSaver saver = new EvidenceSaver();
        private string? destination;

        /// <summary>
        /// The bundle file; with several servers, a folder that gets one COMPUTERNAME.sshtriage.txt
        /// each. Wildcards may name one existing file or folder.
        /// </summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>As -Path, named exactly: no character is a wildcard.</summary>
        [Parameter]
        [Alias("LP", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>Overwrite existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            // One of the two, as Export-Csv asks: they cannot be parameter sets of their own
            // beside -ComputerName and -Local.
            if ((Path == null) == (LiteralPath == null))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Give -Path or -LiteralPath, one of them."),
                    Path == null ? "PathMissing" : "PathConflict",
                    ErrorCategory.InvalidArgument,
                    null));
            }

            destination = LiteralPath != null
                ? PathResolver.Output(this, LiteralPath, literal: true, "EvidencePath")
                : PathResolver.Output(this, Path!, literal: false, "EvidencePath");
            if (destination != null && !TextFile.CanWriteIn(destination, "EvidenceNotSaved", Sink))
            {
                destination = null;
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (destination == null)
            {
                return;
            }

            var names = ParameterSetName == LocalSet ? new[] { string.Empty } : ComputerName;
            foreach (var name in names)
            {
                if (!(BuildTarget(name) is Remote.RemoteTarget target))
                {
                    continue;
                }

                var file = Directory.Exists(destination) ? System.IO.Path.Combine(destination, target.ComputerName.Replace(':', '_') + ".sshtriage.txt") : destination;
                if (File.Exists(file) && !Force)
                {
                    WriteError(new ErrorRecord(new IOException($"{file} exists. Add -Force to overwrite it."), "EvidenceFileExists", ErrorCategory.ResourceExists, file));
                    continue;
                }

                RunCore(() =>
                {
                    if (saver.Save(target, file, Sink, CancelToken) is FileInfo saved)
                    {
                        WriteObject(saved);
                    }
                });
            }
        }
    }
}
