using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The key the client offers (-ClientKey) is in none of the files AuthorizedKeysFile names for the
    /// user: sshd answers "Permission denied (publickey)". Compared by fingerprint; no key leaves either side.
    /// </summary>
    public sealed class PublicKeyNotAuthorizedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.PublicKeyNotAuthorized;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var key = context.ClientKey;
            var file = key == null ? null : context.Account?.AuthorizedKeysFiles.FirstOrDefault(f => f.Authorizes(key.Fingerprint));
            return file == null ? null : $"{key!.Fingerprint} ({key.Algorithm}) is in {file.Path}.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var key = context.ClientKey;
            var account = context.Account;
            if (key == null || account == null || !account.Exists || account.AuthorizedKeysFiles.Any(f => f.Authorizes(key.Fingerprint)))
            {
                yield break;
            }

            var files = account.AuthorizedKeysFiles;
            var evidence = files.Count == 0
                ? new[] { context.Quote("sshd -T -C user=" + account.UserName, "authorizedkeysfile names no file") }
                : files.Select(f => context.Quote("ssh-keygen -lf " + f.Path, f.Exists ? $"{f.Keys.Count} key(s), none {key.Fingerprint}" : "no such file")).ToArray();

            // An AuthorizedKeysCommand may let the key in where no file does.
            var command = context.LoginConfig?.Config.Settings.TryGetValue("authorizedkeyscommand", out var c) == true ? c.FirstOrDefault() : null;
            var viaCommand = command != null && command != "none";
            var proof = LogLines.Proof(context, SshLogEventKind.Failed, e => e.Method == "publickey" && e.User == account.UserName && e.Message.Contains(key.Fingerprint));
            if (proof != null)
            {
                evidence = evidence.Concat(new[] { proof }).ToArray();
            }

            var target = files.FirstOrDefault(f => f.Path.StartsWith(account.Home ?? "/nonexistent", System.StringComparison.Ordinal))?.Path ?? files.FirstOrDefault()?.Path ?? "~/.ssh/authorized_keys";
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : viaCommand ? CauseConfidence.Possible : CauseConfidence.Likely,
                $"{account.UserName}'s authorized keys do not hold the client's key {key.Fingerprint} ({key.Algorithm}{(key.Comment.Length > 0 ? ", " + key.Comment : string.Empty)}){(viaCommand ? ", unless AuthorizedKeysCommand " + command + " supplies it" : string.Empty)}.",
                evidence)
            {
                Remedy = $"Append the client's public key line to {target} (owned by {account.UserName}, mode 600), or offer a key that is already there.",
                RemedyCommand = key.Path == null ? $"ssh-copy-id {account.UserName}@{context.ComputerName}" : $"ssh-copy-id -i {key.Path} {account.UserName}@{context.ComputerName}",
            };
        }
    }
}
