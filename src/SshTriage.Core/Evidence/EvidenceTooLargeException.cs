using SshTriage.Operations;

namespace SshTriage.Evidence
{
    /// <summary>Evidence larger than <see cref="EvidenceLimits"/> allows: a file, a server's output, or a bundle once unpacked.</summary>
    public sealed class EvidenceTooLargeException : EvidenceFormatException
    {
        /// <summary>Creates the exception for <paramref name="source"/>, which <paramref name="what"/> more than <paramref name="limit"/> bytes.</summary>
        public EvidenceTooLargeException(string source, string what, long limit)
            : base($"{source} {what} more than {EvidenceLimits.Describe(limit)}, the most SshTriage reads from one source.")
        {
            Limit = limit;
        }

        /// <summary>The limit that was reached, in bytes.</summary>
        public long Limit { get; }

        /// <inheritdoc />
        public override TriageError ToError(object target, string recommendedAction) =>
            new TriageError("EvidenceTooLarge", this, TriageErrorCategory.LimitsExceeded, target, recommendedAction);
    }
}
