using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads "ufw status verbose" (LANG=C): the default incoming policy and one FirewallRule per
    /// rule line. ufw's rules are enforced through iptables; these are the same rules in ufw's
    /// own words, so an admin can see and change them as ufw knows them.
    /// </summary>
    public static class UfwStatusParser
    {
        private static readonly Regex RuleLine = new Regex(
            @"^(?<to>.+?)\s{2,}(?<action>ALLOW|DENY|REJECT|LIMIT)(?: (?<direction>IN|OUT|FWD))?\s{2,}(?<from>.+?)(?:\s+#\s*(?<comment>.*?))?\s*$",
            RegexOptions.CultureInvariant);

        /// <summary>The rules of an active ufw; none when ufw is inactive.</summary>
        public static IReadOnlyList<FirewallRule> Parse(string computerName, string output)
        {
            var rules = new List<FirewallRule>();
            var inRules = false;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("--", StringComparison.Ordinal))
                {
                    inRules = true;
                    continue;
                }

                var match = inRules ? RuleLine.Match(line) : Match.Empty;
                if (!match.Success)
                {
                    continue;
                }

                var to = match.Groups["to"].Value.Trim();
                var from = match.Groups["from"].Value.Trim();
                var v6 = to.EndsWith("(v6)", StringComparison.Ordinal) || from.EndsWith("(v6)", StringComparison.Ordinal) || from.Contains(":");
                var (port, protocol) = SplitTo(to.Replace("(v6)", string.Empty).Trim());
                var verb = match.Groups["action"].Value;
                var action = verb == "ALLOW" ? FirewallAction.Accept : verb == "DENY" ? FirewallAction.Drop : verb == "REJECT" ? FirewallAction.Reject : FirewallAction.Limit;
                var source = from.Replace("(v6)", string.Empty).Trim();
                var rule = new FirewallRule(computerName, FirewallBackend.Ufw, v6 ? "ipv6" : "ipv4", "ufw", match.Groups["direction"].Success ? match.Groups["direction"].Value : "IN", rules.Count + 1, line.Trim())
                {
                    Action = action,
                    RejectWith = action == FirewallAction.Reject ? "tcp-reset" : null,
                    DestinationPort = port,
                    Protocol = protocol,
                    Source = source == "Anywhere" ? null : source,
                    Comment = match.Groups["comment"].Success && match.Groups["comment"].Value.Length > 0 ? match.Groups["comment"].Value : null,
                    Owner = "ufw",
                };
                rules.Add(rule);
            }

            return rules;
        }

        /// <summary>The default incoming policy (deny, reject, allow), or null when ufw is inactive or it is not shown.</summary>
        public static string? DefaultIncoming(string output)
        {
            var match = Regex.Match(output, @"^Default: (?<in>\w+) \(incoming\)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
            return output.Contains("Status: active") && match.Success ? match.Groups["in"].Value : null;
        }

        private static (string? Port, string? Protocol) SplitTo(string to)
        {
            var slash = to.IndexOf('/');
            if (slash < 0)
            {
                return (to == "Anywhere" ? null : to, null);
            }

            return (to.Substring(0, slash), to.Substring(slash + 1));
        }
    }
}
