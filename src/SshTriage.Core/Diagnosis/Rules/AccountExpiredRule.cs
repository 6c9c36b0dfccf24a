using System;
using System.Collections.Generic;
using System.Globalization;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>The account expired (chage -E): sshd, or PAM's account check, refuses every login to it.</summary>
    public sealed class AccountExpiredRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.AccountExpired;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var account = context.Account;
            return account?.PasswordStatus == null || account.ExpiredAt(Now(context))
                ? null
                : $"chage -l {account.UserName}: the account {(account.AccountExpires.HasValue ? "expires " + Day(account.AccountExpires.Value) : "never expires")}.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            if (account == null || !account.ExpiredAt(Now(context)))
            {
                yield break;
            }

            var proof = LogLines.Proof(context, SshLogEventKind.AccountExpired, e => e.User == account.UserName);
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"{account.UserName}'s account expired on {Day(account.AccountExpires!.Value)}: every login to it is refused.",
                LogLines.Evidence(context.Quote("chage -l " + account.UserName, "Account expires : " + Day(account.AccountExpires.Value)), proof))
            {
                Remedy = $"If the account should still work, set a new expiry date (chage -E YYYY-MM-DD {account.UserName}) or none (chage -E -1 {account.UserName}).",
                RemedyCommand = $"chage -E -1 {account.UserName}",
            };
        }

        // The server's date when the collector ran: the account expires by the server's calendar.
        private static DateTime Now(DiagnosisContext context) => context.Evidence.Facts.LocalNow?.DateTime ?? DateTime.Now;

        private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
