using System.Text;

namespace SshTriage.Evidence
{
    /// <summary>What one collector section found on the server.</summary>
    public sealed class EvidenceRecord
    {
        // The output as it was read (UTF-8 bytes from a collector, text from a caller), and the
        // other form once asked for. The parsers of large sections (rule sets, ban lists) read
        // the bytes in place: as a string a section takes twice the memory.
        private byte[]? output;
        private string? outputText;

        /// <summary>Creates a record.</summary>
        public EvidenceRecord(string name, int? exitCode, string? missingTool, string standardOutput, string standardError)
            : this(name, exitCode, missingTool, standardError)
        {
            outputText = standardOutput;
        }

        /// <summary>Creates a record of output read as UTF-8 bytes.</summary>
        internal EvidenceRecord(string name, int? exitCode, string? missingTool, byte[] standardOutput, string standardError)
            : this(name, exitCode, missingTool, standardError)
        {
            output = standardOutput;
        }

        private EvidenceRecord(string name, int? exitCode, string? missingTool, string standardError)
        {
            Name = name;
            ExitCode = exitCode;
            MissingTool = missingTool;
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
        public string StandardOutput => outputText ??= Encoding.UTF8.GetString(output!);

        /// <summary>What the command printed as errors.</summary>
        public string StandardError { get; }

        /// <summary>What the command printed, as UTF-8 bytes: what a parser of a large section reads.</summary>
        internal byte[] Utf8Output => output ??= Encoding.UTF8.GetBytes(outputText!);

        /// <summary>The same record under another name.</summary>
        internal EvidenceRecord Renamed(string name) => output != null
            ? new EvidenceRecord(name, ExitCode, MissingTool, output, StandardError)
            : new EvidenceRecord(name, ExitCode, MissingTool, outputText!, StandardError);
    }
}
