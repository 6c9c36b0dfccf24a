using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The server takes neither passwords nor keyboard-interactive logins for this connection, and the
    /// user has no authorized key at all: nothing the client could type gets it in.
    /// </summary>
    public sealed class PasswordAuthDisabledRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.PasswordAuthDisabled;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.ConfigFor(context.VisibleAddress)?.Config.PasswordAuthentication == true ? "PasswordAuthentication yes for this connection." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var login = context.LoginConfig;
            var account = context.Account;
            if (login == null || account == null || !account.Exists || login.Value.Config.PasswordAuthentication != false || KeyboardInteractive(login.Value.Config)
                || account.AuthorizedKeysFiles.Any(f => f.Keys.Count > 0))
            {
                yield break;
            }

            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Likely,
                $"The server takes keys only for this connection (PasswordAuthentication and KbdInteractiveAuthentication no), and {account.UserName} has no authorized key: \"Permission denied (publickey)\" whatever password is typed.",
                context.Quote(login.Value.Command, "passwordauthentication no; kbdinteractiveauthentication no"),
                context.Quote("ssh-keygen -lf " + string.Join(" ", account.AuthorizedKeysFiles.Select(f => f.Path)), "no key"))
            {
                Remedy = $"Install the client's public key for {account.UserName} (ssh-copy-id from a session that still works, or by the console); enabling passwords again is the weaker fix.",
                RemedyCommand = $"ssh-copy-id {account.UserName}@{context.ComputerName}",
            };
        }

        private static bool KeyboardInteractive(SshTriage.SshdConfig config) =>
            config.Settings.TryGetValue("kbdinteractiveauthentication", out var v) && v.FirstOrDefault() == "yes";
    }
}
