using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>Fail2Ban bans the gateway, NAT or proxy address the client's connections arrive from (the seed case).</summary>
    public sealed class Fail2BanGatewayBannedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanGatewayBanned;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Jails.Count == 0 || context.VisibleAddress == null ? null : $"no Fail2Ban jail bans the address the server sees ({context.VisibleAddress}).";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var visible = context.VisibleAddress;
            if (visible == null || context.ClientAddress == null || visible.Equals(context.ClientAddress))
            {
                yield break;
            }

            foreach (var ban in context.Bans.Where(b => b.IPAddress.Equals(visible) && b.Enforcement != BanEnforcement.NotEnforced && context.JailCoversPort(b.Jail)))
            {
                yield return new SshRejectCause(
                    context,
                    ban,
                    Cause,
                    ban.Enforcement == BanEnforcement.Enforced ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                    $"Fail2Ban's jail {ban.Jail} bans {visible}, the address {context.ClientAddress} reaches {context.ComputerName} through: every client behind it is refused.",
                    context.QuoteBan(ban),
                    context.Quote("ip route get " + context.ClientAddress, $"{context.ClientAddress} via {context.Gateway}"),
                    context.Quote(ban.EnforcedBy ?? "firewall", $"holds {ban.IPAddress}: {ban.Enforcement}"),
                    context.VisibleAddressProof)
                {
                    Remedy = $"Unban {visible} in jail {ban.Jail}, then add exactly that address (not its network) to the jail's ignoreip, so the gateway that carries legitimate traffic is not banned again.",
                    RemedyCommand = context.Command("Unblock-Fail2BanIp", $"-IPAddress {visible} -Jail {ban.Jail} -AddToIgnoreList"),
                };
            }
        }
    }
}
