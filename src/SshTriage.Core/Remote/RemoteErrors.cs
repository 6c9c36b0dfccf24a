using System;
using SshTriage.Operations;

namespace SshTriage.Remote
{
    /// <summary>
    /// The errors of a management connection, the same whichever transport met the problem, so a
    /// runbook can act on an id without knowing whether OpenSSH or SSH.NET read the server.
    /// </summary>
    public static class RemoteErrors
    {
        /// <summary>What to try when the management path itself is blocked.</summary>
        public const string BlockedPathAdvice = "The management path itself is blocked: try -SshPort, -JumpHost or -Local on the server, or run Export-SshTriageCollector's script from a console and use -EvidencePath.";

        /// <summary>The server's host key was refused.</summary>
        public static TriageError HostKeyVerificationFailed(string host, string message, string advice) =>
            Error("SshHostKeyVerificationFailed", message, TriageErrorCategory.SecurityError, host, advice);

        /// <summary>The server refused the login.</summary>
        public static TriageError AuthenticationFailed(string host, string message, string advice) =>
            Error("SshAuthenticationFailed", message, TriageErrorCategory.AuthenticationError, host, advice);

        /// <summary>No SSH session could be opened.</summary>
        public static TriageError ConnectionFailed(string host, string message, string advice = BlockedPathAdvice) =>
            Error("SshConnectionFailed", message, TriageErrorCategory.ConnectionError, host, advice);

        /// <summary>The collector ran past its time limit.</summary>
        public static TriageError CommandTimedOut(string host, TimeSpan limit) => Error(
            "SshCommandTimedOut",
            $"The collector on {host} did not finish within {(int)limit.TotalSeconds} s.",
            TriageErrorCategory.OperationTimeout,
            host,
            "Raise -TimeoutSec, or check whether the server is overloaded.");

        /// <summary>The error for a target the chosen transport cannot serve.</summary>
        public static TriageError TransportUnavailable(string host, string message, string advice) =>
            Error("SshTransportUnavailable", message, TriageErrorCategory.NotInstalled, host, advice);

        internal static TriageError Error(string id, string message, TriageErrorCategory category, string host, string advice) =>
            new TriageError(id, new RemoteFailureException(message), category, host, advice);
    }
}
