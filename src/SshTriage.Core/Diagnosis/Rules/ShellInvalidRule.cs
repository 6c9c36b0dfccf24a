using System.Collections.Generic;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>The user's login shell does not exist or cannot be run: sshd refuses the user ("shell ... does not exist").</summary>
    public sealed class ShellInvalidRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.ShellInvalid;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Account?.ShellExecutable == true ? $"{context.Account.UserName}'s shell {context.Account.Shell} exists and can be run." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            if (account?.ShellExecutable != false)
            {
                yield break;
            }

            var proof = LogLines.Proof(context, SshLogEventKind.NotAllowed, e => e.User == account.UserName && e.Message.Contains("because shell"));
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"{account.UserName}'s login shell {account.Shell} does not exist or cannot be run: sshd refuses the user before any password or key is tried.",
                LogLines.Evidence(context.Quote("getent passwd " + account.UserName, $"shell {account.Shell}{(account.ShellListed == false ? ", not in /etc/shells" : string.Empty)}"), proof))
            {
                Remedy = $"Give {account.UserName} an installed shell (chsh -s /bin/bash {account.UserName}), or install the one the account names.",
                RemedyCommand = $"chsh -s /bin/bash {account.UserName}",
            };
        }
    }
}
