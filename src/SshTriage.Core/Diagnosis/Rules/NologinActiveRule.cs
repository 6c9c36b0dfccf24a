using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// A nologin file lets only root in, as during a shutdown or maintenance: sshd itself reads
    /// /etc/nologin; /run/nologin counts only through PAM (pam_nologin), so only with UsePAM yes.
    /// </summary>
    public sealed class NologinActiveRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.NologinActive;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Account is Accounts.SshAccount account && account.NologinFiles.Count == 0 ? "No /etc/nologin or /run/nologin." : null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            var withPam = context.LoginConfig?.Config.Settings.TryGetValue("usepam", out var pam) != true || pam.FirstOrDefault() != "no";
            var active = account?.NologinFiles.Where(f => f == "/etc/nologin" || withPam).ToList();
            if (account == null || active == null || active.Count == 0 || account.UserName == "root")
            {
                yield break;
            }

            var files = string.Join(" ", active);
            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Likely,
                $"{files} exists: only root may log in, so {account.UserName} is refused whatever it offers.",
                active.Select(f => context.Quote("ls " + f, f)).ToArray())
            {
                Remedy = $"When the maintenance or shutdown that created it is over, remove {files}.",
                RemedyCommand = "rm -f " + files,
            };
        }
    }
}
