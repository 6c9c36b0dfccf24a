using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>Fail2Ban bans the client's own address.</summary>
    public sealed class Fail2BanBanRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanBan;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Jails.Count == 0 || context.ClientAddress == null ? null : $"no Fail2Ban jail on {context.ComputerName} bans {context.ClientAddress}.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var client = context.ClientAddress;
            if (client == null || !client.Equals(context.VisibleAddress))
            {
                yield break;
            }

            // Without a probe, only a line of sshd's showing the client's connections arriving as
            // itself makes the ban the one that bites (a proxy or NAT in front would not be banned).
            var arrivesAsItself = context.Window != null || context.VisibleAddressProof != null;
            foreach (var ban in context.Bans.Where(b => b.IPAddress.Equals(client) && b.Enforcement != BanEnforcement.NotEnforced && context.JailCoversPort(b.Jail)))
            {
                yield return new SshRejectCause(
                    context,
                    ban,
                    Cause,
                    ban.Enforcement == BanEnforcement.Enforced && arrivesAsItself ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                    arrivesAsItself
                        ? $"Fail2Ban's jail {ban.Jail} bans {client}."
                        : $"Fail2Ban's jail {ban.Jail} bans {client}: this refuses it if its connections reach {context.ComputerName} as {client} (no probe ran and sshd's log does not name it; a proxy or NAT in front would not be banned).",
                    context.QuoteBan(ban),
                    context.Quote(ban.EnforcedBy ?? "firewall", $"holds {ban.IPAddress}: {ban.Enforcement}"),
                    context.VisibleAddressProof)
                {
                    Remedy = $"Unban {client} in jail {ban.Jail}, and find out what failed its logins (Get-SshLogEvent -IPAddress {client}).",
                    RemedyCommand = context.Command("Unblock-Fail2BanIp", $"-IPAddress {client} -Jail {ban.Jail}"),
                };
            }
        }
    }
}
