using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SshTriage.Accounts;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// StrictModes (on by default) makes sshd ignore an authorized_keys file when it, or a directory
    /// above it up to the home, is writable by group or others or owned by someone but the user or
    /// root: every key login of that user fails. The modes the collector read decide it.
    /// </summary>
    public sealed class AuthorizedKeysPermissionsRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.AuthorizedKeysPermissions;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var account = context.Account;
            return account?.Uid == null || account.Home == null || account.AuthorizedKeysFiles.All(f => f.Modes.Count == 0)
                ? null
                : $"StrictModes: {string.Join(", ", account.AuthorizedKeysFiles.Select(f => f.Path))} and the directories above are owned by {account.UserName} or root and writable by no one else.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var account = context.Account;
            if (account?.Uid == null || account.Home == null || context.LoginConfig?.Config.Settings.TryGetValue("strictmodes", out var strict) == true && strict.FirstOrDefault() == "no")
            {
                yield break;
            }

            foreach (var file in account.AuthorizedKeysFiles.Where(f => f.Exists))
            {
                if (!(file.StrictModesViolation(account.Uid.Value, account.Gid ?? -1, account.Home) is var (bad, verdict)))
                {
                    continue;
                }

                var foreignOwner = bad.OwnerUid != 0 && bad.OwnerUid != account.Uid;
                var fix = foreignOwner ? $"chown {account.UserName} {bad.Path}" : $"chmod go-w {bad.Path}";
                var what = foreignOwner
                    ? "owned by uid " + bad.OwnerUid.ToString(CultureInfo.InvariantCulture)
                    : $"mode {bad.OctalMode}, writable by {(bad.WritableByOthers ? "others" : "its group")}";
                var onlyUpstream = verdict == StrictModesVerdict.OnlyIfUnpatched;
                var proof = LogLines.Proof(context, SshLogEventKind.BadModes, e => e.Message.EndsWith(" " + bad.Path, System.StringComparison.Ordinal));
                yield return new SshRejectCause(
                    context,
                    Cause,
                    proof != null ? CauseConfidence.Confirmed : onlyUpstream ? CauseConfidence.Possible : CauseConfidence.Likely,
                    $"StrictModes makes sshd ignore {file.Path} for {account.UserName}: {bad.Path} is {what}, so no key in it is accepted."
                        + (onlyUpstream ? " (Debian's and Ubuntu's sshd accept a group that is the user's own; upstream OpenSSH, RHEL and others do not.)" : string.Empty),
                    LogLines.Evidence(context.Quote("stat -c '%a %u %g %n' " + bad.Path, $"{bad.OctalMode} {bad.OwnerUid.ToString(CultureInfo.InvariantCulture)} {bad.GroupGid.ToString(CultureInfo.InvariantCulture)} {bad.Path}"), proof))
                {
                    Remedy = $"On the server: {fix}; keep ~/.ssh at 700 and authorized_keys at 600, owned by {account.UserName}. Do not switch StrictModes off.",
                    RemedyCommand = fix,
                };
                yield break;
            }
        }
    }
}
