using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// When nothing shows which address the server sees for the client (a bundle read offline,
    /// -Local without a line from the client), every enforced ban of the SSH port could be the
    /// one that refuses it: each is listed as Possible, naming the address it hits, so it pipes
    /// into Unblock-Fail2BanIp. The newest first, at most <see cref="Listed"/>.
    /// </summary>
    public sealed class PossibleBanRule : IRejectRule
    {
        /// <summary>How many bans are listed; Get-Fail2BanBan lists them all.</summary>
        public const int Listed = 100;

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.Fail2BanBan;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            if (!context.VisibleAddressUnknown)
            {
                yield break;
            }

            // A ban of the assumed address is the other ban rules' to report.
            var bans = context.Bans
                .Where(b => b.Enforcement == BanEnforcement.Enforced && context.JailCoversPort(b.Jail) && !b.IPAddress.Equals(context.VisibleAddress))
                .OrderByDescending(b => b.BannedAt)
                .ToList();
            foreach (var ban in bans.Take(Listed))
            {
                var evidence = new List<CauseEvidence>
                {
                    context.QuoteBan(ban),
                    context.Quote(ban.EnforcedBy ?? "firewall", $"holds {ban.IPAddress}: {ban.Enforcement}"),
                };
                if (bans.Count > Listed && ReferenceEquals(ban, bans[Listed - 1]))
                {
                    evidence.Add(context.Quote("Find-SshRejectCause", $"{bans.Count - Listed} older bans are not listed: {context.Command("Get-Fail2BanBan", string.Empty)}"));
                }

                yield return new SshRejectCause(
                    context,
                    ban,
                    Cause,
                    CauseConfidence.Possible,
                    $"Fail2Ban's jail {ban.Jail} bans {ban.IPAddress} (enforced): if the server sees the client as {ban.IPAddress} (the client itself, or a gateway, NAT or proxy in front of it), this refuses it. {UnknownAddress(context)}",
                    evidence.ToArray())
                {
                    Remedy = $"Find out which address the server sees for the client (Find-SshRejectCause with a probe from the client, or -ClientAddress with -Local); if it is {ban.IPAddress}, unban it in jail {ban.Jail}, and add it to ignoreip if it is a shared gateway.",
                    RemedyCommand = context.Command("Unblock-Fail2BanIp", $"-IPAddress {ban.IPAddress} -Jail {ban.Jail} -WhatIf"),
                };
            }
        }

        /// <summary>Why the address the server sees is unknown, in a sentence.</summary>
        internal static string UnknownAddress(DiagnosisContext context) =>
            context.ClientAddress == null
                ? "The address the server sees is unknown: no probe ran and no client address was given."
                : $"The address the server sees for {context.ClientAddress} is unknown: no probe ran, and neither the server's route back to it nor sshd's log shows it.";
    }
}
