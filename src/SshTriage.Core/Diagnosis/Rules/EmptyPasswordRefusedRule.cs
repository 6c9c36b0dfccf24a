using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The user's password is empty and PermitEmptyPasswords is no (sshd's default): whatever the
    /// client types, sshd refuses the empty password. sshd logs the first empty password of a
    /// connection as the "none" method ("Failed none for bob").
    /// </summary>
    public sealed class EmptyPasswordRefusedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.EmptyPasswordRefused;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Account?.PasswordField is string field && field != "empty" ? $"getent shadow {context.ClientUser}: the password field is {field}, not empty."
            : context.ConfigFor(context.VisibleAddress)?.Config is SshTriage.SshdConfig config && PermitEmptyPasswords(config) == "yes" ? "PermitEmptyPasswords yes for this connection." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            var login = context.LoginConfig;
            if (account == null || account.PasswordField != "empty" || login == null || PermitEmptyPasswords(login.Value.Config) != "no")
            {
                yield break;
            }

            var proof = LogLines.Proof(context, SshLogEventKind.Failed, e => e.User == account.UserName && (e.Method == "none" || e.Method == "password"));
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"{account.UserName}'s password is empty and sshd takes no empty password (PermitEmptyPasswords no): a password login to it always fails.",
                new[] { context.Quote("getent shadow " + account.UserName, "password field is empty"), context.Quote(login.Value.Command, "permitemptypasswords no") }
                    .Concat(proof == null ? Enumerable.Empty<CauseEvidence>() : new[] { proof }).ToArray())
            {
                Remedy = $"Give {account.UserName} a password (passwd {account.UserName}) or a key; PermitEmptyPasswords yes would let anyone in as {account.UserName}.",
                RemedyCommand = "passwd " + account.UserName,
            };
        }

        private static string? PermitEmptyPasswords(SshTriage.SshdConfig config) =>
            config.Settings.TryGetValue("permitemptypasswords", out var values) ? values.FirstOrDefault() : null;
    }
}
