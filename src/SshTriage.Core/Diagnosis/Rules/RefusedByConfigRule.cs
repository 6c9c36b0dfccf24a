using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// OpenSSH 9.9+ RefuseConnection (usually in a Match block) refuses the client. sshd -T -C
    /// for the address sshd sees decides (Likely); sshd's "administratively prohibited" line
    /// for it confirms. A server whose sshd has no such setting (before 9.9) clears it.
    /// </summary>
    public sealed class RefusedByConfigRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.RefusedByConfig;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var config = context.ConfigFor(context.VisibleAddress);
            if (config == null || Refuses(config) || LogLines.Of(context, SshLogEventKind.RefusedByConfig, forUser: true).Count > 0)
            {
                return null;
            }

            return config.Config.Settings.ContainsKey("refuseconnection")
                ? $"{config.Command}: refuseconnection no."
                : $"{config.Command}: this sshd has no RefuseConnection (OpenSSH 9.9 and later).";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var config = context.ConfigFor(context.VisibleAddress);
            var refuses = config != null && Refuses(config);
            var lines = LogLines.Of(context, SshLogEventKind.RefusedByConfig, forUser: true);
            if (!refuses && lines.Count == 0)
            {
                yield break;
            }

            var evidence = new List<CauseEvidence>();
            if (refuses)
            {
                evidence.Add(context.Quote(config!.Command, "refuseconnection yes"));
            }

            if (lines.Count > 0)
            {
                evidence.Add(LogLines.Quote(context, lines[lines.Count - 1]));
            }

            var address = config?.Address ?? lines.Last().Address;
            var who = lines.Count > 0 ? lines.Last().User : context.ClientUser;
            yield return new SshRejectCause(
                context,
                Cause,
                lines.Count > 0 ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"sshd's RefuseConnection refuses {(who == null ? "connections" : who)} from {address} (OpenSSH 9.9+, usually in a Match block){(lines.Count == 0 ? "; sshd refuses once the client names its user, after the banner" : string.Empty)}.",
                evidence.ToArray())
            {
                Remedy = "Remove RefuseConnection yes from the Match block that applies to this client, or narrow the block; check with sshd -t and reload sshd.",
                RemedyCommand = context.Command("Get-SshdConfig", $"-MatchAddress {address} -Sudo"),
            };
        }

        private static bool Refuses(ConnectionConfig config) =>
            config.Config.Settings.TryGetValue("refuseconnection", out var values) && values.Any(v => v == "yes");
    }
}
