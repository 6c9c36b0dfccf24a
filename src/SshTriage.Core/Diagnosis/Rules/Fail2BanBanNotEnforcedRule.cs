using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>Fail2Ban lists a ban of the visible address that the firewall does not hold: the ban is not what blocks.</summary>
    public sealed class Fail2BanBanNotEnforcedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanBanNotEnforced;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Jails.Count == 0 || !context.HasRead(Firewall.FirewallSections.Names.IptablesSave, Firewall.FirewallSections.Names.NftJson, Firewall.FirewallSections.Names.Ipset) ? null : $"every ban{(context.VisibleAddress == null ? string.Empty : " of " + context.VisibleAddress)} that Fail2Ban lists is in the firewall.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var visible = context.VisibleAddress;
            foreach (var ban in context.Bans.Where(b => b.Enforcement == BanEnforcement.NotEnforced && (visible == null || b.IPAddress.Equals(visible))))
            {
                yield return new SshRejectCause(
                    context,
                    ban,
                    Cause,
                    CauseConfidence.Confirmed,
                    $"Fail2Ban's jail {ban.Jail} lists a ban of {ban.IPAddress}, but {ban.EnforcedBy} does not hold it: the ban does not block, and Fail2Ban will not add it again while it believes it is there.",
                    context.Quote($"fail2ban-client get {ban.Jail} banip", ban.IPAddress.ToString()),
                    context.Quote(ban.EnforcedBy ?? "firewall", $"no entry for {ban.IPAddress}"))
                {
                    Remedy = "Restart the jail so its action rebuilds the firewall objects (fail2ban-client restart " + ban.Jail + "), or unban the address if the ban is not wanted; then look for the tool that flushed the rules.",
                    RemedyCommand = context.Command("Unblock-Fail2BanIp", $"-IPAddress {ban.IPAddress} -Jail {ban.Jail}"),
                };
            }
        }
    }
}
