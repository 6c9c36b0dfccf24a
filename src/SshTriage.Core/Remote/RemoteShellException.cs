using System;
using SshTriage.Operations;

namespace SshTriage.Remote
{
    /// <summary>
    /// Thrown by a transport that met a problem before the script could run (no connection, a
    /// refused host key or login), carrying the error to report for the host.
    /// </summary>
    public sealed class RemoteShellException : Exception
    {
        /// <summary>Creates the exception for <paramref name="error"/>.</summary>
        public RemoteShellException(TriageError error)
            : base(error.Exception.Message, error.Exception)
        {
            Error = error;
        }

        /// <summary>The error for the host.</summary>
        public TriageError Error { get; }
    }
}
