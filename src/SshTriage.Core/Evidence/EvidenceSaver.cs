using System.IO;
using System.Threading;
using SshTriage.Collection;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Evidence
{
    /// <summary>Save-SshTriageEvidence: runs the full collector on a server and keeps its output as a bundle file.</summary>
    public sealed class EvidenceSaver
    {
        private readonly IRemoteShell ssh;
        private readonly IRemoteShell local;

        /// <summary>Creates a saver over the given shells (the target's transport, OpenSSH or SSH.NET, and sh by default).</summary>
        public EvidenceSaver(IRemoteShell? ssh = null, IRemoteShell? local = null)
        {
            this.ssh = ssh ?? TransportShell.Default;
            this.local = local ?? new LocalShell();
        }

        /// <summary>Collects from <paramref name="target"/> and writes the bundle to <paramref name="path"/>; returns the file, or null after an error.</summary>
        public FileInfo? Save(RemoteTarget target, string path, IOperationSink sink, CancellationToken cancellationToken)
        {
            var (outcome, failure) = ScriptRunner.RunAsync(ssh, local, target, ScriptInput.Whole(CollectorScript.Build(CollectorSections.All)), RemoteFailure.CollectorMarker, cancellationToken).GetAwaiter().GetResult();
            if (failure != null)
            {
                sink.WriteError(failure);
                return null;
            }

            try
            {
                // Only output that reads back is worth keeping.
                var bundle = EvidenceBundle.Parse(outcome!.StandardOutput, target.ComputerName);
                sink.WriteVerbose($"{target.ComputerName}: {bundle.Records.Count} sections collected.");
            }
            catch (EvidenceFormatException damaged)
            {
                sink.WriteError(damaged.ToError(target.ComputerName, "Run it again; if it persists, check what the remote login shell prints."));
                return null;
            }

            if (!sink.ShouldProcess(path, $"Save the evidence of {target.ComputerName}"))
            {
                return null;
            }

            return TextFile.TryWrite(path, outcome!.StandardOutput, "EvidenceNotSaved", sink) ? new FileInfo(path) : null;
        }
    }
}
