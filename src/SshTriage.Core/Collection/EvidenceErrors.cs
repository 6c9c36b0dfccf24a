using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Collection
{
    /// <summary>The errors interpreters raise about what the evidence could not show.</summary>
    internal static class EvidenceErrors
    {
        /// <summary>A check that needs root ran without it.</summary>
        public static TriageError NeedsRoot(ServerEvidence evidence, string what) => new TriageError(
            "RemoteAccessDenied",
            new RemoteFailureException($"{what} on {evidence.ComputerName} needs root, and the collector ran as {evidence.Facts.UserName ?? "uid " + evidence.Facts.UserId}."),
            TriageErrorCategory.PermissionDenied,
            evidence.ComputerName,
            "Add -Sudo (NOPASSWD sudo), or connect as root.");

        /// <summary>The tool a check needs is not installed on the server.</summary>
        public static TriageError ToolMissing(ServerEvidence evidence, EvidenceRecord record, string what) => new TriageError(
            record.MissingTool == "sshd" ? "SshdNotInstalled" : "RemoteToolNotInstalled",
            new RemoteFailureException($"{record.MissingTool} is not installed on {evidence.ComputerName}, so {what} cannot be read."),
            TriageErrorCategory.NotInstalled,
            evidence.ComputerName,
            $"Install {record.MissingTool} on the server, or read this from a host that has it.");

        /// <summary>A command ran and failed for a reason other than permissions.</summary>
        public static TriageError CommandFailed(ServerEvidence evidence, EvidenceRecord record, string what) => new TriageError(
            "RemoteCommandFailed",
            new RemoteFailureException($"{what} failed on {evidence.ComputerName} (exit {record.ExitCode}): {record.StandardError.Trim()}"),
            TriageErrorCategory.InvalidResult,
            evidence.ComputerName,
            "Run the command on the server by hand to see the whole message.");

        /// <summary>The evidence has no section for a check: a bundle from a collector that did not read it.</summary>
        public static TriageError SectionMissing(ServerEvidence evidence, string what, string section) =>
            SectionsMissing(evidence, $"{evidence.Bundle.Source} holds no {what}: the collector that wrote it did not read them (no '{section}' section).");

        /// <summary>The evidence holds none of the sections a diagnosis reads.</summary>
        public static TriageError NothingToDiagnose(ServerEvidence evidence) =>
            SectionsMissing(evidence, $"{evidence.Bundle.Source} holds none of the sections a diagnosis reads (listeners, sshd's configuration and log, Fail2Ban, firewalls): what follows rests on nothing the server showed.");

        private static TriageError SectionsMissing(ServerEvidence evidence, string message) => new TriageError(
            "EvidenceSectionMissing",
            new EvidenceFormatException(message),
            TriageErrorCategory.ObjectNotFound,
            evidence.ComputerName,
            "Collect the evidence again, with Save-SshTriageEvidence or the script of Export-SshTriageCollector.");

        /// <summary>True when a failed command's message is a permission problem and the collector was not root.</summary>
        public static bool IsPermissionProblem(ServerEvidence evidence, EvidenceRecord record) =>
            !evidence.Facts.IsRoot
            && (record.StandardError.Contains("Permission denied")
                || record.StandardError.Contains("Operation not permitted")
                || record.StandardError.Contains("no hostkeys available")
                || record.StandardError.Contains("Unable to load host key")
                || record.StandardError.Contains("must be run as root")
                || record.ExitCode == 13);
    }
}
