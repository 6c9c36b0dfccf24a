using System.Collections.Generic;

namespace SshTriage.Diagnosis
{
    /// <summary>One cause's rule: reads the evidence and confirms, suspects or clears its cause.</summary>
    public interface IRejectRule
    {
        /// <summary>The cause the rule is about.</summary>
        RejectCause Cause { get; }

        /// <summary>What the evidence says about the cause; nothing when the rule has nothing to say.</summary>
        IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context);

        /// <summary>
        /// What the rule looked at, in a sentence, when it could read its evidence: the Cleared
        /// result -IncludeCleared shows when the rule found nothing. Null when it could not look.
        /// </summary>
        string? Checked(DiagnosisContext context);
    }
}
