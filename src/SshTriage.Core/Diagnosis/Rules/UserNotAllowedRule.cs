using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// AllowUsers, DenyUsers, AllowGroups or DenyGroups (in a Match block or not) refuse the
    /// client's user. The configuration decides: sshd -T -C for the user and the address sshd
    /// sees, with the user's groups from the server, evaluated as sshd does (Likely); sshd's
    /// "not allowed because" line for it confirms. Without a user, the log line alone shows it.
    /// </summary>
    public sealed class UserNotAllowedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.UserNotAllowed;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var (config, verdict) = Decide(context);
            return verdict == null || verdict.Refused || LogLines.Of(context, SshLogEventKind.NotAllowed, forUser: true).Count > 0
                ? null
                : $"{config!.Command}: {context.ClientUser} from {config.Address}: {verdict.Reason}.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var lines = LogLines.Of(context, SshLogEventKind.NotAllowed, forUser: true);
            var (config, verdict) = Decide(context);
            var logged = lines.Count > 0 ? LogLines.Quote(context, lines[lines.Count - 1]) : null;
            (CauseConfidence Confidence, string Summary, CauseEvidence[] Evidence) found;
            if (verdict != null && verdict.Refused)
            {
                var evidence = new List<CauseEvidence> { context.Quote(config!.Command, string.Join("; ", verdict.Directives)) };
                if (verdict.UsedGroups)
                {
                    evidence.Add(context.Quote("id -Gn " + context.ClientUser, string.Join(" ", context.UserGroups!)));
                }

                if (logged != null)
                {
                    evidence.Add(logged);
                }

                found = (
                    logged != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                    $"sshd refuses {context.ClientUser} from {config.Address}: {verdict.Reason} ({config.Command}).",
                    evidence.ToArray());
            }
            else if (logged != null)
            {
                var last = lines[lines.Count - 1];
                // The configuration on disk admits the user now: the running sshd may not have been reloaded since.
                found = verdict == null
                    ? (CauseConfidence.Confirmed, $"sshd does not allow user {last.User} from {last.Address} (AllowUsers, DenyUsers, AllowGroups or DenyGroups).", new[] { logged })
                    : (CauseConfidence.Likely, $"sshd refused {last.User} from {last.Address}, although the configuration on disk admits it now ({config!.Command}): sshd may not have been reloaded since it changed.", new[] { logged });
            }
            else
            {
                yield break;
            }

            yield return new SshRejectCause(context, Cause, found.Confidence, found.Summary, found.Evidence)
            {
                Remedy = "Add the user to AllowUsers or AllowGroups, or take it (or its group) out of DenyUsers and DenyGroups, in the Match block that applies to this address if there is one; check with sshd -t and reload sshd.",
                RemedyCommand = context.Command("Get-SshdConfig", $"-MatchUser {context.ClientUser ?? lines.Last().User} -MatchAddress {config?.Address ?? lines.Last().Address} -Sudo"),
            };
        }

        // The configuration for the address sshd sees, and what it says about the client's user.
        private static (ConnectionConfig? Config, UserAccess.Verdict? Verdict) Decide(DiagnosisContext context)
        {
            var config = context.ConfigFor(context.VisibleAddress);
            return context.ClientUser == null || config == null
                ? (config, null)
                : (config, UserAccess.Decide(config.Config, context.ClientUser, config.Address, context.UserGroups));
        }
    }
}
