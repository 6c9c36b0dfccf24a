using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads "firewall-cmd --list-all-zones": for each zone that is in use (active, or holding
    /// sources or interfaces), one FirewallRule per allowed service and port, one per rich rule,
    /// and one for the zone's target (what happens to everything else). firewalld enforces these
    /// through its own nftables tables, which Test-FirewallAccess walks; these are the same rules
    /// in firewalld's words.
    /// </summary>
    public static class FirewalldZoneParser
    {
        private static readonly Regex ZoneHeader = new Regex(@"^(?<zone>\S+)(?<active> \(active\))?\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex Setting = new Regex(@"^\s+(?<key>[a-z -]+):\s?(?<value>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex RichAttribute = new Regex(@"(?<key>family|source address|service name|port port|protocol|reject type)=""(?<value>[^""]*)""", RegexOptions.CultureInvariant);

        /// <summary>The rules of the zones in use.</summary>
        public static IReadOnlyList<FirewallRule> Parse(string computerName, string output)
        {
            var rules = new List<FirewallRule>();
            string? zone = null;
            var active = false;
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            var rich = new List<string>();
            void Flush()
            {
                if (zone != null && (active || settings.ContainsKey("sources") && settings["sources"].Length > 0))
                {
                    AddZone(computerName, zone, settings, rich, rules);
                }
            }

            string? key = null;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                var header = ZoneHeader.Match(line);
                if (header.Success && !char.IsWhiteSpace(line[0]))
                {
                    Flush();
                    zone = header.Groups["zone"].Value;
                    active = header.Groups["active"].Success;
                    settings.Clear();
                    rich.Clear();
                    key = null;
                    continue;
                }

                if (line.StartsWith("\t", StringComparison.Ordinal) && key == "rich rules")
                {
                    rich.Add(line.Trim());
                    continue;
                }

                var setting = Setting.Match(line);
                if (setting.Success)
                {
                    key = setting.Groups["key"].Value;
                    settings[key] = setting.Groups["value"].Value.Trim();
                }
            }

            Flush();
            return rules;
        }

        private static void AddZone(string computerName, string zone, Dictionary<string, string> settings, List<string> rich, List<FirewallRule> rules)
        {
            string Get(string key) => settings.TryGetValue(key, out var value) ? value : string.Empty;
            var sources = Get("sources");
            FirewallRule Rule(string text, FirewallAction action, string? port = null, string? protocol = null, string? source = null, string? rejectWith = null) =>
                new FirewallRule(computerName, FirewallBackend.Firewalld, "inet", zone, "zone " + zone, rules.Count + 1, text)
                {
                    Action = action,
                    RejectWith = rejectWith,
                    Protocol = protocol,
                    Source = source ?? (sources.Length > 0 ? sources : null),
                    DestinationPort = port,
                    InInterface = Get("interfaces").Length > 0 ? Get("interfaces") : null,
                    Owner = "firewalld",
                };

            foreach (var service in Words(Get("services")))
            {
                rules.Add(Rule("service " + service, FirewallAction.Accept, port: service));
            }

            foreach (var port in Words(Get("ports")))
            {
                var slash = port.IndexOf('/');
                rules.Add(Rule("port " + port, FirewallAction.Accept, port: slash < 0 ? port : port.Substring(0, slash), protocol: slash < 0 ? null : port.Substring(slash + 1)));
            }

            foreach (var text in rich)
            {
                var action = text.EndsWith(" accept", StringComparison.Ordinal) ? FirewallAction.Accept
                    : text.Contains(" reject") ? FirewallAction.Reject
                    : text.EndsWith(" drop", StringComparison.Ordinal) ? FirewallAction.Drop
                    : FirewallAction.Other;
                var (source, port, protocol, rejectWith) = RichAttributes(text);
                rules.Add(Rule(text, action, port, protocol, source, rejectWith ?? (action == FirewallAction.Reject ? "icmp-port-unreachable" : null)));
            }

            // "default" rejects what the zone does not allow, with admin-prohibited (firewalld 0.9+).
            var target = Get("target");
            var zoneAction = target == "ACCEPT" ? FirewallAction.Accept : target == "DROP" ? FirewallAction.Drop : FirewallAction.Reject;
            var answer = target == "default" || target == "%%REJECT%%" ? "icmpx admin-prohibited" : target;
            rules.Add(Rule("target " + target, zoneAction, rejectWith: zoneAction == FirewallAction.Reject ? answer : null));
        }

        // What a rich rule names: its source (which overrides the zone's), port, protocol and reject type.
        private static (string? Source, string? Port, string? Protocol, string? RejectWith) RichAttributes(string text)
        {
            string? source = null;
            string? port = null;
            string? protocol = null;
            string? rejectWith = null;
            foreach (Match attribute in RichAttribute.Matches(text))
            {
                var value = attribute.Groups["value"].Value;
                switch (attribute.Groups["key"].Value)
                {
                    case "source address":
                        source = (text.Contains("source not ") ? "!" : string.Empty) + value;
                        break;
                    case "service name":
                    case "port port":
                        port = value;
                        break;
                    case "protocol":
                        protocol = value;
                        break;
                    case "reject type":
                        rejectWith = value;
                        break;
                }
            }

            return (source, port, protocol, rejectWith);
        }

        private static IEnumerable<string> Words(string value) => value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
