using System.Collections.Generic;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>sshd -t refuses the configuration on disk: a reload or restart will fail, and a stopped sshd cannot start.</summary>
    public sealed class SshdConfigInvalidRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.SshdConfigInvalid;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Config?.IsValid == true ? "sshd -t accepts the configuration on disk." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var config = context.Config;
            if (config?.IsValid != false)
            {
                yield break;
            }

            var cause = context.Cause(Cause, CauseConfidence.Confirmed, "sshd's configuration on disk is invalid: sshd will not start or reload with it.", context.Quote("sshd -t", config.ValidationMessage ?? string.Empty));
            cause.Remedy = "Fix the line sshd -t names, check again with sshd -t, then reload sshd.";
            cause.RemedyCommand = $"Get-SshdConfig -ComputerName {context.ComputerName} -Sudo | Select-Object IsValid, ValidationMessage";
            yield return cause;
        }
    }
}
