using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Net;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// When nothing shows which address the server sees for the client, every firewall rule
    /// that drops or rejects the SSH port for some sources could be the one: each is listed as
    /// Possible (FirewallDrop or FirewallReject), naming the sources it hits, and so is a chain
    /// policy that drops or rejects it for every source not let in before. A rule counts when
    /// the walk of the input path for an address it names ends at that rule, so rules that are
    /// never reached (another chain's, a shadowed one) are left out. Fail2Ban's own rules are
    /// <see cref="PossibleBanRule"/>'s.
    /// </summary>
    public sealed class PossibleFirewallBlockRule : IRejectRule
    {
        // How many distinct sources are walked: a large rule set is searched, not listed.
        private const int Walked = 64;

        /// <summary>Creates the rule for Drop or Reject.</summary>
        public PossibleFirewallBlockRule(RejectCause cause) => Cause = cause;

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            if (!context.VisibleAddressUnknown)
            {
                yield break;
            }

            var action = Cause == RejectCause.FirewallDrop ? FirewallAction.Drop : FirewallAction.Reject;
            // Every source first: a rule for all, or the chain's policy.
            var sources = new string?[] { null }.Concat(context.Firewall.Rules()
                .Where(r => r.Action == action && r.Source != null && JailPorts.Covers(r.DestinationPort, context.Port) && !IsFail2Ban(r))
                .Select(r => r.Source))
                .Distinct()
                .Take(Walked);
            var seen = new HashSet<string>();
            foreach (var source in sources)
            {
                foreach (var address in Representatives(source))
                {
                    var verdict = context.VerdictFor(address);
                    var rule = verdict.DecidingRule;
                    var decided = verdict.Verdict == (action == FirewallAction.Drop ? FirewallDecision.Drop : FirewallDecision.Reject);
                    var where = Place(rule);
                    // What the assumed address's own verdict shows is FirewallBlockRule's.
                    var assumed = context.Verdict;
                    var alreadyShown = assumed != null && assumed.Verdict == verdict.Verdict && Place(assumed.DecidingRule) == Place(rule);
                    if (!decided || alreadyShown || (rule != null && (rule.Source != source || IsFail2Ban(rule))) || address.Equals(context.VisibleAddress) || !seen.Add(where))
                    {
                        continue;
                    }

                    var whom = source == null ? "every source" : source;
                    yield return new SshRejectCause(
                        context,
                        Cause,
                        CauseConfidence.Possible,
                        $"{where} {(action == FirewallAction.Drop ? "drops" : "rejects")} connections to port {context.Port} from {whom}: if the server sees the client as one of them, the client sees {verdict.ExpectedSymptom}. {PossibleBanRule.UnknownAddress(context)}",
                        context.Quote(rule?.Backend.ToString() ?? "iptables-save", rule?.Text ?? "policy " + verdict.Verdict.ToString().ToUpperInvariant()),
                        context.Quote("Test-FirewallAccess", $"{(source == null ? "any address" : address.ToString())} to port {context.Port}: {verdict.Verdict} at {where}"))
                    {
                        Subject = where,
                        Remedy = $"Find out which address the server sees for the client; if {whom} includes it, allow it to port {context.Port} before {where}, with the tool that manages it ({rule?.Owner ?? rule?.Backend.ToString() ?? "iptables"}).",
                        RemedyCommand = context.Command("Get-FirewallRule", $"-Port {context.Port}"),
                    };
                }
            }
        }

        private static string Place(FirewallRule? rule) => rule == null ? "the input chain's policy" : $"{rule.Backend} {rule.Family} {rule.Table}/{rule.Chain} rule {rule.Index}";

        private static bool IsFail2Ban(FirewallRule rule) => rule.Owner?.StartsWith("fail2ban", System.StringComparison.Ordinal) ?? false;

        // Addresses a rule about SOURCE decides for: the first and last of its prefix (an
        // earlier rule may take part of it), or, for a rule about every source, an address of
        // each family that no real rule names.
        private static IEnumerable<IPAddress> Representatives(string? source)
        {
            if (source == null)
            {
                yield return IPAddress.Parse("0.0.0.1");
                yield return IPAddress.Parse("100::1");
                yield break;
            }

            if (!IPPrefix.TryParse(source, out var prefix))
            {
                yield break;
            }

            yield return prefix.Network;
            if (!prefix.IsSingleAddress)
            {
                var bytes = prefix.Network.GetAddressBytes();
                var hostBits = (bytes.Length * 8) - prefix.Length;
                for (var i = bytes.Length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8)
                {
                    bytes[i] |= (byte)(hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
                }

                yield return new IPAddress(bytes);
            }
        }
    }
}
