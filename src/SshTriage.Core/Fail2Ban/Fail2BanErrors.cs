using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Fail2Ban
{
    /// <summary>Why Fail2Ban's state could not be read on a server, from the collector's answer.</summary>
    internal static class Fail2BanErrors
    {
        /// <summary>Returns the error that keeps the jails from being read, or null when Fail2Ban answered.</summary>
        public static TriageError? Check(ServerEvidence evidence, EvidenceRecord? record, FramedOutput? output)
        {
            var host = evidence.ComputerName;
            if (record == null)
            {
                return EvidenceErrors.SectionMissing(evidence, "Fail2Ban state", Fail2BanSections.Names.Fail2Ban);
            }

            if (record.MissingTool != null)
            {
                return new TriageError(
                    "Fail2BanNotInstalled",
                    new RemoteFailureException($"Fail2Ban is not installed on {host} (no fail2ban-client)."),
                    TriageErrorCategory.NotInstalled,
                    host,
                    "Nothing to unban here; look at the firewall (Get-FirewallRule) or at the server's own logs instead.");
            }

            var status = output?.Global.Count > 0 ? output.Global[0] : null;
            if (status == null || status.ExitCode == 0)
            {
                return null;
            }

            if (status.Output.Contains("Permission denied") || status.Output.Contains("you must be root"))
            {
                return EvidenceErrors.NeedsRoot(evidence, "Talking to Fail2Ban");
            }

            if (status.Output.Contains("Failed to access socket path") || status.Output.Contains("Is fail2ban running"))
            {
                return new TriageError(
                    "Fail2BanNotRunning",
                    new RemoteFailureException($"Fail2Ban is installed on {host} but its server is not running: {status.Output.Trim()}"),
                    TriageErrorCategory.ResourceUnavailable,
                    host,
                    "Start it (systemctl start fail2ban). While it is stopped, its bans are not added, but rules it left in the firewall may still block.");
            }

            return new TriageError(
                "RemoteCommandFailed",
                new RemoteFailureException($"fail2ban-client status failed on {host} (exit {status.ExitCode}): {status.Output.Trim()}"),
                TriageErrorCategory.InvalidResult,
                host,
                "Run fail2ban-client status on the server to see the whole message.");
        }

        /// <summary>A jail asked for by name that the server does not have.</summary>
        public static TriageError JailNotFound(ServerEvidence evidence, string name, string[] jails) => new TriageError(
            "Fail2BanJailNotFound",
            new RemoteFailureException($"{evidence.ComputerName} has no Fail2Ban jail '{name}'. Its jails: {(jails.Length == 0 ? "none" : string.Join(", ", jails))}."),
            TriageErrorCategory.ObjectNotFound,
            name,
            "Give one of the server's jail names, or a wildcard such as 'ssh*'.");
    }
}
