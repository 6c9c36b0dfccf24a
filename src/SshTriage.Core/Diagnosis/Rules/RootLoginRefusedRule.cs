using System.Collections.Generic;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// PermitRootLogin for the connection (Match blocks applied) refuses root: "no" refuses every
    /// method; prohibit-password (without-password) refuses passwords and keyboard-interactive.
    /// </summary>
    public sealed class RootLoginRefusedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.RootLoginRefused;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.ClientUser == "root" && context.ConfigFor(context.VisibleAddress)?.Config.PermitRootLogin == "yes" ? "PermitRootLogin yes for this connection." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var login = context.LoginConfig;
            var setting = login?.Config.PermitRootLogin;
            if (context.ClientUser != "root" || setting == null || setting == "yes")
            {
                yield break;
            }

            var refusesAll = setting == "no";
            var proof = LogLines.Proof(context, SshLogEventKind.RootLoginRefused, _ => true);
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : refusesAll ? CauseConfidence.Likely : CauseConfidence.Possible,
                refusesAll
                    ? "PermitRootLogin no: sshd refuses root whatever the method."
                    : $"PermitRootLogin {setting}: root may log in with a key only{(setting == "forced-commands-only" ? " that has a command= option" : string.Empty)}; a password is refused even when it is right.",
                LogLines.Evidence(context.Quote(login!.Value.Command, "permitrootlogin " + setting), proof))
            {
                Remedy = refusesAll
                    ? "Log in as a named user and use sudo; only if root logins are really wanted, set PermitRootLogin prohibit-password (keys only) for the admin network in a Match Address block."
                    : "Log in as root with a key (put its .pub line in root's ~/.ssh/authorized_keys), or as a named user and use sudo.",
                RemedyCommand = context.Command("Get-SshdConfig", $"-MatchUser root -MatchAddress {context.VisibleAddress?.ToString() ?? "ADDRESS"} -Sudo"),
            };
        }
    }
}
