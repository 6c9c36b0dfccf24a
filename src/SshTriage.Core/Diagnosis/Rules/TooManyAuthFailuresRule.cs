using System.Collections.Generic;
using System.Linq;
using SshTriage.Probing;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The client ran out of attempts (MaxAuthTries) before it offered the key or password that works:
    /// sshd logs "maximum authentication attempts exceeded" and the client reads "Too many
    /// authentication failures". Typically an agent or ssh_config offering every key it holds, one
    /// failure each, before the one the server has.
    /// </summary>
    public sealed class TooManyAuthFailuresRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.TooManyAuthFailures;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context) =>
            LogLines.Of(context, SshLogEventKind.TooManyAuthFailures, forUser: true).LastOrDefault() is SshLogEvent line ? new[] { Found(context, line) } : Enumerable.Empty<SshRejectCause>();

        private SshRejectCause Found(DiagnosisContext context, SshLogEvent line)
        {
            var offered = OfferedKeys(context, line);
            var maxTries = context.LoginSetting("maxauthtries");
            var key = context.ClientKey;
            var keyAuthorized = key != null && context.Account?.AuthorizedKeysFiles.Any(f => f.Authorizes(key.Fingerprint)) == true;
            var user = line.User ?? context.ClientUser ?? "the user";
            var identity = key?.Path is string pub && pub.EndsWith(".pub", System.StringComparison.Ordinal) ? pub.Substring(0, pub.Length - 4) : "KEYFILE";
            return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                $"sshd cut {line.Address} off after {(maxTries == null ? "MaxAuthTries" : maxTries.Value.Value + " (MaxAuthTries)")} failed attempts for {user}"
                    + (offered > 0 ? $": the client offered {offered} key(s) that {user} does not authorize" : string.Empty)
                    + (keyAuthorized ? $", before the authorized key {key!.Fingerprint}." : ", before one that works."),
                new[] { LogLines.Quote(context, line), maxTries?.Evidence, ClientIdentities(context) }.OfType<CauseEvidence>().ToArray())
            {
                Remedy = $"Make the client offer only the key the server has: IdentitiesOnly yes and IdentityFile in its ssh_config for {context.ComputerName} (or ssh -o IdentitiesOnly=yes -i KEYFILE), instead of every key its agent holds. Raising MaxAuthTries in sshd_config is the server-side fix.",
                RemedyCommand = $"ssh -o IdentitiesOnly=yes -i {identity} {user}@{context.ComputerName}",
            };
        }

        // With -FromHost: what the client's configuration makes it offer (ssh -G), the other end of the count.
        private static CauseEvidence? ClientIdentities(DiagnosisContext context) =>
            context.Window?.Client is ClientView client && client.Setting("identityfile").Count > 0
                ? context.Quote($"ssh -G {context.ComputerName} (on {context.Window.Origin})", $"identitiesonly {client.Setting("identitiesonly").FirstOrDefault() ?? "no"}; {client.Setting("identityfile").Count} identityfile lines (and every key its agent holds, without IdentitiesOnly)")
                : null;

        // The keys sshd refused in the same connection: its process's "Failed publickey" lines.
        private static int OfferedKeys(DiagnosisContext context, SshLogEvent line) =>
            line.ProcessId == null
                ? 0
                : context.Log.Count(e => e.Kind == SshLogEventKind.Failed && e.Method == "publickey" && e.ProcessId == line.ProcessId && e.Program == line.Program && Equals(e.Address, line.Address) && e.Port == line.Port);
    }
}
