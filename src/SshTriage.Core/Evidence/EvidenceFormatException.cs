using System;

namespace SshTriage.Evidence
{
    /// <summary>Collector output that cannot be read: truncated, mangled, or of an unknown format.</summary>
    public sealed class EvidenceFormatException : FormatException
    {
        /// <summary>Creates the exception with a message that says what is wrong.</summary>
        public EvidenceFormatException(string message)
            : base(message)
        {
        }
    }
}
