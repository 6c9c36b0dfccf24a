namespace SshTriage.Evidence
{
    /// <summary>What one collector section found on the server.</summary>
    public sealed class EvidenceRecord
    {
        /// <summary>Creates a record.</summary>
        public EvidenceRecord(string name, int? exitCode, string? missingTool, string standardOutput, string standardError)
        {
            Name = name;
            ExitCode = exitCode;
            MissingTool = missingTool;
            StandardOutput = standardOutput;
            StandardError = standardError;
        }

        /// <summary>The section's name.</summary>
        public string Name { get; }

        /// <summary>The command's exit code; null when its tool is not installed.</summary>
        public int? ExitCode { get; }

        /// <summary>The program that was not installed, when that is why the command did not run.</summary>
        public string? MissingTool { get; }

        /// <summary>True when the tool was installed and the command exited 0.</summary>
        public bool Succeeded => ExitCode == 0;

        /// <summary>What the command printed.</summary>
        public string StandardOutput { get; }

        /// <summary>What the command printed as errors.</summary>
        public string StandardError { get; }
    }
}
