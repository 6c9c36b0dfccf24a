using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Fail2Ban bans the client's own address, but its connections arrive from a proxy, gateway
    /// or NAT: the firewall never sees the banned address, so the ban cannot bite (the reverse-proxy seed).
    /// </summary>
    public sealed class Fail2BanBanIneffectiveRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanBanIneffective;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) =>
            context.Jails.Count == 0 || context.ClientAddress == null ? null : $"no ban of {context.ClientAddress} is bypassed by another source address.";

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var client = context.ClientAddress;
            var visible = context.VisibleAddress;
            if (client == null || visible == null || client.Equals(visible))
            {
                yield break;
            }

            foreach (var ban in context.Bans.Where(b => b.IPAddress.Equals(client) && b.Enforcement != BanEnforcement.NotEnforced && context.JailCoversPort(b.Jail)))
            {
                var evidence = new List<CauseEvidence>
                {
                    context.QuoteBan(ban),
                };
                if (context.VisibleAddressProof != null)
                {
                    evidence.Add(context.VisibleAddressProof);
                }

                if (context.Probe != null)
                {
                    evidence.Add(new CauseEvidence("client", $"Test-SshPort from {context.Window!.Origin}", context.Probe.Status.ToString()));
                }

                // Shown when the probes got through despite the ban, or sshd logged them under
                // another address; without probes, sshd's newer lines from the gateway only point to it.
                var shown = context.Probe?.Status == SshPortStatus.Open || context.VisibleAddressShownByProbes;
                yield return new SshRejectCause(
                    context,
                    ban,
                    Cause,
                    shown ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                    $"Fail2Ban's jail {ban.Jail} bans {client}, but its connections reach {context.ComputerName} from {visible}: the firewall never sees {client}, so the ban does not block it{(shown ? string.Empty : " (no probe ran: sshd's log and the route point to it)")}.",
                    evidence.ToArray())
                {
                    Remedy = $"Enforce the ban where the client's own address is still visible: on the proxy or gateway {visible} (a Fail2Ban action there, or a remote ban action), or have the proxy pass the client address through instead of rewriting it. Banning {visible} here would lock out everyone behind it.",
                    RemedyCommand = context.Command("Get-Fail2BanBan", $"-IPAddress {client}"),
                };
            }
        }
    }
}
