using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SshTriage.Firewall;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// A rate limit refuses the visible address now: the walk of the firewall stops at an
    /// iptables rule whose match depends on state (-m recent, ufw's limit; -m hashlimit), and
    /// that state, read from /proc, shows the source over the limit: as many hits in the
    /// window as the rule counts (the hit a new connection adds with ufw's --set included), or
    /// less hashlimit credit left than a packet costs. Then the rule's target (its REJECT or
    /// DROP, or the first of the chain it jumps to) decides: FirewallReject or FirewallDrop,
    /// Confirmed. Under the limit it says nothing: the rest of the walk is not known.
    /// </summary>
    public sealed class RateLimitRule : IRejectRule
    {
        private static readonly Regex Recent = new Regex(@"-m recent\b(?<options>.*?)(?=\s-m\s|\s-j\s|\s-g\s|$)", RegexOptions.CultureInvariant);
        private static readonly Regex Hashlimit = new Regex(@"-m hashlimit\b(?<options>.*?)(?=\s-m\s|\s-j\s|\s-g\s|$)", RegexOptions.CultureInvariant);

        /// <summary>Creates the rule for FirewallReject or FirewallDrop.</summary>
        public RateLimitRule(RejectCause cause) => Cause = cause;

        /// <inheritdoc />
        public RejectCause Cause { get; }

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var verdict = context.Verdict;
            var limit = verdict?.DecidingRule;
            var state = context.RateLimits;
            if (verdict?.Verdict != FirewallDecision.Unknown || limit == null || state == null || context.VisibleAddress == null)
            {
                yield break;
            }

            var target = Target(context, limit);
            var wanted = Cause == RejectCause.FirewallDrop ? FirewallAction.Drop : FirewallAction.Reject;
            if (target == null || target.Action != wanted)
            {
                yield break;
            }

            var over = Recent.Match(limit.Text) is Match recent && recent.Success ? OverRecent(context, state, limit, Options(recent.Groups["options"].Value))
                : Hashlimit.Match(limit.Text) is Match hash && hash.Success ? OverHashlimit(context, state, Options(hash.Groups["options"].Value))
                : null;
            if (over == null)
            {
                yield break;
            }

            var symptom = wanted == FirewallAction.Drop ? SshPortStatus.TimedOut : RejectSymptom.SymptomOf(target.RejectWith, context.VisibleAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
            var owner = limit.Owner ?? target.Owner;
            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                $"A rate limit{(owner == null ? string.Empty : $" ({owner})")} {(wanted == FirewallAction.Drop ? "drops" : "rejects")} new connections from {context.VisibleAddress} to port {context.Port}: {over.Value.Why}; the client sees {symptom}.",
                context.Quote(limit.Backend.ToString(), $"{limit.Table}/{limit.Chain} rule {limit.Index}: {limit.Text}"),
                context.Quote(target.Backend.ToString(), $"{target.Table}/{target.Chain} rule {target.Index}: {target.Text}"),
                context.Quote(over.Value.Source, over.Value.Line))
            {
                Subject = $"rate limit {limit.Table}/{limit.Chain} rule {limit.Index}",
                Remedy = $"Stop what opens connections from {context.VisibleAddress} so often (a script, a monitoring check, a client's retries: every refused attempt counts too) and wait for the window to pass, or exempt that address before the limit with an accept rule (ufw: ufw insert 1 allow from {context.VisibleAddress} to any port {context.Port} proto tcp), or raise the limit.",
                RemedyCommand = context.Command("Get-FirewallRule", $"-Port {context.Port} -SourceAddress {context.VisibleAddress}"),
            };
        }

        // How a -m recent rule decides for the source: the hits within --seconds, as many as --hitcount.
        private static (string Why, string Source, string Line)? OverRecent(DiagnosisContext context, RateLimitState state, FirewallRule limit, IReadOnlyDictionary<string, string?> options)
        {
            if (!options.ContainsKey("--update") && !options.ContainsKey("--rcheck"))
            {
                return null;
            }

            var name = options.TryGetValue("--name", out var n) && n != null ? n : "DEFAULT";
            if (!state.Recent.TryGetValue(name, out var list) || state.Jiffies == null || state.Hz == null)
            {
                return null;
            }

            var entry = list.FirstOrDefault(e => e.Source.Equals(context.VisibleAddress));
            var seconds = Number(options, "--seconds");
            var hitcount = Number(options, "--hitcount") ?? 1;
            var window = seconds == null ? long.MaxValue : seconds.Value * state.Hz.Value;
            var hits = entry?.Stamps.Count(s => state.Jiffies.Value - s <= window) ?? 0;
            // ufw's pattern: a --set of the same list just before adds the new connection's own hit.
            var added = SetBefore(context, limit, name) ? 1 : 0;
            if (hits + added < hitcount)
            {
                return null;
            }

            var span = seconds == null ? string.Empty : $" in the last {seconds} s";
            return ($"{hits} hits{span} in the list {name} (a new connection{(added > 0 ? " adds one and" : string.Empty)} is refused from {hitcount})",
                "/proc/net/xt_recent/" + name,
                $"src={context.VisibleAddress}: {hits} of {entry?.Stamps.Count ?? 0} time stamps within {(seconds == null ? "the list" : seconds + " s")} of the read (jiffies {state.Jiffies}, HZ {state.Hz})");
        }

        // How a hashlimit rule decides: with --hashlimit-above, a source with less credit than a packet costs.
        private static (string Why, string Source, string Line)? OverHashlimit(DiagnosisContext context, RateLimitState state, IReadOnlyDictionary<string, string?> options)
        {
            if (!options.TryGetValue("--hashlimit-above", out var rate) || !options.TryGetValue("--hashlimit-name", out var name) || name == null
                || !state.Hashlimit.TryGetValue(name, out var table))
            {
                return null;
            }

            var entry = table.FirstOrDefault(e => e.Source.Equals(context.VisibleAddress));
            if (entry == null || entry.Credit >= entry.Cost)
            {
                return null;
            }

            return ($"it has used up its allowance of {rate} (hashlimit {name}: {Math.Floor(entry.Credit * 100 / entry.Cost)}% of one connection's credit left)",
                $"/proc/net/ipt_hashlimit/{name}",
                $"{context.VisibleAddress}: credit {entry.Credit.ToString(CultureInfo.InvariantCulture)}, cap {entry.Cap.ToString(CultureInfo.InvariantCulture)}, cost {entry.Cost.ToString(CultureInfo.InvariantCulture)}");
        }

        // The REJECT or DROP the rule leads to: its own target, or the first one in the chain it jumps to.
        private static FirewallRule? Target(DiagnosisContext context, FirewallRule limit)
        {
            if (limit.Action == FirewallAction.Reject || limit.Action == FirewallAction.Drop)
            {
                return limit;
            }

            if ((limit.Action != FirewallAction.Jump && limit.Action != FirewallAction.Goto) || limit.JumpTarget == null)
            {
                return null;
            }

            return Chain(context, limit, limit.JumpTarget)?.Rules.Select(r => r.Rule)
                .FirstOrDefault(r => r.Action == FirewallAction.Reject || r.Action == FirewallAction.Drop || r.Action == FirewallAction.Accept || r.Action == FirewallAction.Return) is FirewallRule end
                && (end.Action == FirewallAction.Reject || end.Action == FirewallAction.Drop) ? end : null;
        }

        private static bool SetBefore(DiagnosisContext context, FirewallRule limit, string name) =>
            Chain(context, limit, limit.Chain)?.Rules.Take(limit.Index - 1).Select(r => r.Rule.Text)
                .Any(t => Recent.Match(t) is Match m && m.Success && Options(m.Groups["options"].Value) is var o && o.ContainsKey("--set") && (o.TryGetValue("--name", out var n) && n != null ? n : "DEFAULT") == name) ?? false;

        private static IptablesChain? Chain(DiagnosisContext context, FirewallRule rule, string chain) =>
            context.Firewall.Iptables
                .FirstOrDefault(s => s.Backend == rule.Backend && s.Family == rule.Family && s.Tables.ContainsKey(rule.Table))?
                .Tables[rule.Table].TryGetValue(chain, out var found) == true ? found : null;

        // "--update --seconds 30 --hitcount 6 --name DEFAULT --rsource": option to value (null for a flag).
        private static IReadOnlyDictionary<string, string?> Options(string text)
        {
            var options = new Dictionary<string, string?>(StringComparer.Ordinal);
            var words = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                if (!words[i].StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var key = words[i];
                options[key] = i + 1 < words.Length && !words[i + 1].StartsWith("--", StringComparison.Ordinal) ? words[++i] : null;
            }

            return options;
        }

        private static long? Number(IReadOnlyDictionary<string, string?> options, string name) =>
            options.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
    }
}
