using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The user's password is locked (passwd -l, usermod -L). Without PAM sshd refuses every login to a
    /// locked account ("not allowed because account is locked"); with PAM a locked password only
    /// stops password logins, and keys still work.
    /// </summary>
    public sealed class AccountLockedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.AccountLocked;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Account?.PasswordField is string field && field != "locked" ? $"getent shadow {context.ClientUser}: the password field is {field}, not locked with \"!\"." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            if (account == null || !account.PasswordLocked)
            {
                yield break;
            }

            var proof = LogLines.Proof(context, SshLogEventKind.NotAllowed, e => e.User == account.UserName && e.Message.Contains("because account is locked"));
            var login = context.LoginConfig;
            var withoutPam = login?.Config.Settings.TryGetValue("usepam", out var pam) == true && pam.FirstOrDefault() == "no";
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : withoutPam ? CauseConfidence.Likely : CauseConfidence.Possible,
                withoutPam
                    ? $"{account.UserName}'s account is locked and sshd runs without PAM: it refuses every login to it, keys included."
                    : $"{account.UserName}'s password is locked: password logins fail even with the right password (key logins still work under PAM).",
                LogLines.Evidence(context.Quote("getent shadow " + account.UserName, "password field starts with \"!\" (locked)"), proof))
            {
                Remedy = $"If the lock was not meant: usermod -U {account.UserName} (or passwd -u); otherwise log in with a key.",
                RemedyCommand = "usermod -U " + account.UserName,
            };
        }
    }
}
