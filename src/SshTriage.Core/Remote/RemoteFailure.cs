using System;
using SshTriage.Operations;

namespace SshTriage.Remote
{
    /// <summary>A management connection or a remote command that failed, with what to do about it.</summary>
    public sealed class RemoteFailureException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RemoteFailureException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Tells why an ssh run produced no evidence, from ssh's exit code and standard error, and
    /// turns it into an error with a stable id and advice.
    /// </summary>
    public static class RemoteFailure
    {
        /// <summary>The line a collector prints first; its presence means the script ran.</summary>
        public const string CollectorMarker = "sshtriage-evidence version=";

        /// <summary>
        /// Returns the error for a failed run, or null when the script ran — which it shows by
        /// printing <paramref name="successMarker"/> (the collector's header by default).
        /// </summary>
        public static TriageError? Classify(RemoteTarget target, ProcessOutcome outcome, string successMarker = CollectorMarker)
        {
            var host = target.ComputerName;
            var stderr = outcome.StandardError.Trim();
            var detail = stderr.Length == 0 ? string.Empty : " ssh said: " + LastLines(stderr);
            if (outcome.OutputLimitExceeded)
            {
                return new Evidence.EvidenceTooLargeException(host, "printed", ScriptExchange.MaxOutputCharacters)
                    .ToError(host, "No collector prints that much: check what the server's login shell and tools print.");
            }

            if (outcome.TimedOut)
            {
                return RemoteErrors.CommandTimedOut(host, OpenSshShell.OverallTimeout(target));
            }

            if (outcome.StandardOutput.Contains(successMarker))
            {
                return null;
            }

            if (Has(stderr, "incorrect password attempt") || (target.SudoPassword != null && Has(stderr, "Sorry, try again")))
            {
                return Error(
                    "SudoPasswordRejected",
                    $"sudo on {host} did not accept the password from -SudoCredential.",
                    TriageErrorCategory.PermissionDenied,
                    host,
                    "Check the password of the sudo user (the login user, unless sudoers says targetpw or rootpw).");
            }

            if (Has(stderr, "a password is required") || Has(stderr, "a terminal is required"))
            {
                return Error(
                    "SudoPasswordRequired",
                    $"sudo on {host} wants a password, and SshTriage never prompts.{detail}",
                    TriageErrorCategory.PermissionDenied,
                    host,
                    "Give the password with -SudoCredential, allow this user NOPASSWD sudo for sh, connect as root, or leave out -Sudo and accept less evidence.");
            }

            if (Has(stderr, "is not in the sudoers file") || Has(stderr, "is not allowed to execute"))
            {
                return Error(
                    "RemoteAccessDenied",
                    $"sudo on {host} refuses this user.{detail}",
                    TriageErrorCategory.PermissionDenied,
                    host,
                    "Connect as a user that may use sudo, or as root.");
            }

            if (target.IsLocal)
            {
                return Error("SshCommandFailed", $"The collector failed on this machine (exit {outcome.ExitCode}).{detail}", TriageErrorCategory.NotSpecified, host, "Run it again with -Verbose.");
            }

            if (Has(stderr, "Host key verification failed") || Has(stderr, "REMOTE HOST IDENTIFICATION HAS CHANGED") || Has(stderr, "No ED25519 host key is known") || Has(stderr, "host key is known for"))
            {
                return RemoteErrors.HostKeyVerificationFailed(
                    host,
                    $"The host key of {host} could not be verified.{detail}",
                    $"Check the key out of band (ssh-keygen -F {host}); if the change is expected, update known_hosts. SshTriage never turns host key checking off.");
            }

            if (Has(stderr, "Permission denied (") || Has(stderr, "Too many authentication failures"))
            {
                return RemoteErrors.AuthenticationFailed(
                    host,
                    $"{host} refused the login.{detail}",
                    "Give -UserName and -KeyFilePath, or load the key into ssh-agent; check with: ssh -o BatchMode=yes user@host true.");
            }

            if (Has(stderr, "Could not resolve hostname"))
            {
                return RemoteErrors.ConnectionFailed(
                    host,
                    $"ssh could not resolve {host}.{detail}",
                    "Check the name (and any Host entry in your ssh config), or give the server's address.");
            }

            if (outcome.ExitCode == 255)
            {
                return RemoteErrors.ConnectionFailed(host, $"The management connection to {host} failed.{detail}");
            }

            return Error(
                "SshCommandFailed",
                $"The collector on {host} failed (exit {outcome.ExitCode}) and returned no evidence.{detail}",
                TriageErrorCategory.NotSpecified,
                host,
                "Check that the login shell of the remote user runs POSIX sh commands (sh -s).");
        }

        /// <summary>The error for an ssh client that is not installed.</summary>
        public static TriageError ClientNotFound(string host, Exception cause) => new TriageError(
            "SshClientNotFound",
            new RemoteFailureException($"The OpenSSH client (ssh) was not found: {cause.Message}"),
            TriageErrorCategory.NotInstalled,
            host,
            "Install the OpenSSH client (Windows: Settings > Optional features > OpenSSH Client; Debian: apt install openssh-client), or use -EvidencePath with a saved bundle.");

        private static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string LastLines(string text)
        {
            var lines = text.Replace("\r", string.Empty).Split('\n');
            return string.Join(" ", lines, Math.Max(0, lines.Length - 3), Math.Min(3, lines.Length));
        }

        private static TriageError Error(string id, string message, TriageErrorCategory category, string host, string advice) =>
            RemoteErrors.Error(id, message, category, host, advice);
    }
}
