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

        /// <summary>The bundle file; with several servers, a folder that gets one COMPUTERNAME.sshtriage.txt each.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var names = ParameterSetName == LocalSet ? new[] { string.Empty } : ComputerName;
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            foreach (var name in names)
            {
                if (!(BuildTarget(name) is Remote.RemoteTarget target))
                {
                    continue;
                }

                var file = Directory.Exists(folder) ? System.IO.Path.Combine(folder, target.ComputerName.Replace(':', '_') + ".sshtriage.txt") : folder;
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
