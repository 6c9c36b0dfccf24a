using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>A jail that watches sshd's log blocks another port than the one sshd listens on: its bans cannot stop SSH.</summary>
    public sealed class Fail2BanWrongPortRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanWrongPort;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Jails.Count == 0 ? null : $"the SSH jails block port {context.Port}.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            foreach (var jail in context.Jails.Where(j => j.Name.StartsWith("ssh", System.StringComparison.Ordinal) && !JailPorts.Covers(j.Port, context.Port)))
            {
                // One result per address it is about, so each pipes into Unblock-Fail2BanIp: the
                // address the server sees, or, when that is unknown, each address the jail bans.
                var visible = context.VisibleAddress;
                var addresses = visible != null
                    ? new[] { visible }
                    : context.Bans.Where(b => b.Jail == jail.Name).Select(b => b.IPAddress).Distinct().DefaultIfEmpty(null).ToArray();
                foreach (var address in addresses)
                {
                    var banned = address != null && context.Bans.Any(b => b.Jail == jail.Name && b.IPAddress.Equals(address));
                    yield return new SshRejectCause(
                        context,
                        Cause,
                        CauseConfidence.Confirmed,
                        $"Fail2Ban's jail {jail.Name} blocks port {jail.Port}, but SSH is on port {context.Port}: its bans ({jail.CurrentlyBanned ?? 0} now{(address == null ? string.Empty : banned ? $", {address} among them" : $", not {address}")}) do not stop SSH connections.",
                        context.Quote($"fail2ban-client get {jail.Name} action {jail.BanAction} port", jail.Port ?? string.Empty))
                    {
                        Jail = jail.Name,
                        IPAddress = address,
                        Remedy = $"Set port = {context.Port} (or ssh,{context.Port}) in the [{jail.Name}] section of jail.local and reload Fail2Ban.",
                        RemedyCommand = context.Command("Get-Fail2BanJail", $"-Name {jail.Name}"),
                    };
                }
            }
        }
    }
}
