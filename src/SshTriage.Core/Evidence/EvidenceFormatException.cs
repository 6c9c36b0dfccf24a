using System;
using SshTriage.Operations;

namespace SshTriage.Evidence
{
    /// <summary>Collector output that cannot be read: truncated, mangled, of an unknown format, or too large.</summary>
    public class EvidenceFormatException : FormatException
    {
        /// <summary>Creates the exception with a message that says what is wrong.</summary>
        public EvidenceFormatException(string message)
            : base(message)
        {
        }

        /// <summary>The error record for this problem with <paramref name="target"/>.</summary>
        public virtual TriageError ToError(object target, string recommendedAction) =>
            new TriageError("EvidenceUnreadable", this, TriageErrorCategory.InvalidData, target, recommendedAction);
    }
}
