using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads iptables-save -c (and ip6tables-save, legacy or nft backend): "*table", ":CHAIN
    /// POLICY [p:b]", "[p:b] -A CHAIN ..." lines. Rules are read word by word, quotes respected,
    /// because dumps of 100,000 rules are normal on busy hosts.
    /// </summary>
    internal static class IptablesSaveParser
    {
        public static IptablesRuleSet Parse(string computerName, string output, FirewallBackend? backend, string family)
        {
            var detected = backend ?? (output.Contains("(legacy)") ? FirewallBackend.IptablesLegacy : FirewallBackend.IptablesNft);
            var set = new IptablesRuleSet(detected, family);
            Dictionary<string, IptablesChain>? table = null;
            var tableName = string.Empty;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("*", StringComparison.Ordinal))
                {
                    tableName = line.Substring(1).Trim();
                    if (!set.Tables.TryGetValue(tableName, out table))
                    {
                        set.Tables[tableName] = table = new Dictionary<string, IptablesChain>(StringComparer.Ordinal);
                    }
                }
                else if (line.StartsWith(":", StringComparison.Ordinal) && table != null)
                {
                    var parts = line.Substring(1).Split(' ');
                    if (parts.Length >= 2)
                    {
                        table[parts[0]] = new IptablesChain(parts[0], parts[1] == "-" ? null : parts[1]);
                    }
                }
                else if (table != null && (line.StartsWith("[", StringComparison.Ordinal) || line.StartsWith("-A ", StringComparison.Ordinal)))
                {
                    var rule = ParseRule(computerName, set, tableName, table, line);
                    if (rule != null)
                    {
                        table[rule.Rule.Chain].Rules.Add(rule);
                    }
                }
            }

            return set;
        }

        private static IptablesRule? ParseRule(string computerName, IptablesRuleSet set, string tableName, Dictionary<string, IptablesChain> table, string line)
        {
            long? packets = null, bytes = null;
            var text = line;
            if (line.StartsWith("[", StringComparison.Ordinal))
            {
                var close = line.IndexOf(']');
                var counters = line.Substring(1, close - 1).Split(':');
                packets = long.Parse(counters[0], CultureInfo.InvariantCulture);
                bytes = long.Parse(counters[1], CultureInfo.InvariantCulture);
                text = line.Substring(close + 1).TrimStart();
            }

            var words = Words(text);
            if (words.Count < 2 || words[0] != "-A")
            {
                return null;
            }

            var chain = words[1];
            if (!table.TryGetValue(chain, out var owner))
            {
                table[chain] = owner = new IptablesChain(chain, null);
            }

            var rule = new FirewallRule(computerName, set.Backend, set.Family, tableName, chain, owner.Rules.Count + 1, text) { Packets = packets, Bytes = bytes };
            var conditions = new IptablesConditions();
            var negate = false;
            for (var i = 2; i < words.Count; i++)
            {
                var word = words[i];
                string Next() => i + 1 < words.Count ? words[++i] : string.Empty;
                switch (word)
                {
                    case "!":
                        negate = true;
                        continue;
                    case "-s":
                    case "--source":
                        rule.Source = (negate ? "!" : string.Empty) + words[i + 1];
                        conditions.Source = (new List<string>(Next().Split(',')), negate);
                        break;
                    case "-d":
                    case "--destination":
                        rule.Destination = (negate ? "!" : string.Empty) + words[i + 1];
                        conditions.Destination = (new List<string>(Next().Split(',')), negate);
                        break;
                    case "-p":
                    case "--protocol":
                        rule.Protocol = Next();
                        conditions.Protocol = (rule.Protocol, negate);
                        break;
                    case "-i":
                    case "--in-interface":
                        rule.InInterface = (negate ? "!" : string.Empty) + words[i + 1];
                        conditions.InInterface = (Next(), negate);
                        break;
                    case "--dport":
                    case "--destination-port":
                    case "--dports":
                    case "--destination-ports":
                        rule.DestinationPort = (negate ? "!" : string.Empty) + words[i + 1];
                        conditions.DestinationPorts = (Ports(Next()), negate);
                        break;
                    case "--ctstate":
                    case "--state":
                        rule.State = Next();
                        conditions.State = (rule.State.Split(','), negate);
                        break;
                    case "--match-set":
                        rule.Set = Next();
                        conditions.MatchSet = (rule.Set, negate);
                        Next();
                        break;
                    case "--comment":
                        rule.Comment = Next();
                        break;
                    case "-m":
                        var module = Next();
                        if (!KnownModules.Contains(module))
                        {
                            conditions.Unsupported.Add("-m " + module);
                        }

                        break;
                    case "--dst-type":
                        // The connection is addressed to one of the host's own unicast addresses.
                        conditions.NeverMatches |= (Next() == "LOCAL") == negate;
                        break;
                    case "--src-type":
                        // A remote client's address is unicast.
                        conditions.NeverMatches |= (Next() == "UNICAST") == negate;
                        break;
                    case "--rt-type":
                        // An ordinary SYN carries no IPv6 routing header.
                        Next();
                        conditions.NeverMatches |= !negate;
                        break;
                    case "-j":
                        Target(rule, Next(), goTo: false);
                        break;
                    case "-g":
                    case "--goto":
                        Target(rule, Next(), goTo: true);
                        break;
                    case "--reject-with":
                        rule.RejectWith = Next();
                        break;
                    default:
                        // Options of modules and targets the walker does not need (--log-prefix, --tcp-flags, ...).
                        if (word.StartsWith("--", StringComparison.Ordinal) && i + 1 < words.Count && !words[i + 1].StartsWith("-", StringComparison.Ordinal))
                        {
                            i++;
                        }

                        break;
                }

                negate = false;
            }

            if (rule.Action == FirewallAction.Reject && rule.RejectWith == null)
            {
                rule.RejectWith = set.Family == "ipv6" ? "icmp6-port-unreachable" : "icmp-port-unreachable";
            }

            rule.Owner = OwnerOf(chain, rule.JumpTarget);
            return new IptablesRule(rule, conditions);
        }

        // Modules whose options the walker reads, or that match every new inbound packet.
        private static readonly HashSet<string> KnownModules = new HashSet<string>(StringComparer.Ordinal)
        {
            "tcp", "udp", "multiport", "conntrack", "state", "comment", "set", "addrtype", "rt",
        };

        private static void Target(FirewallRule rule, string target, bool goTo)
        {
            switch (target)
            {
                case "ACCEPT":
                    rule.Action = FirewallAction.Accept;
                    break;
                case "DROP":
                    rule.Action = FirewallAction.Drop;
                    break;
                case "REJECT":
                    rule.Action = FirewallAction.Reject;
                    break;
                case "RETURN":
                    rule.Action = FirewallAction.Return;
                    break;
                case "LOG":
                case "NFLOG":
                case "ULOG":
                    rule.Action = FirewallAction.Log;
                    break;
                default:
                    rule.Action = IsBuiltInTarget(target) ? FirewallAction.Other : goTo ? FirewallAction.Goto : FirewallAction.Jump;
                    rule.JumpTarget = IsBuiltInTarget(target) ? null : target;
                    break;
            }
        }

        // Upper-case targets are extensions (MARK, CT, TRACE...); chains may be anything else.
        private static bool IsBuiltInTarget(string target) =>
            target.Length > 0 && target.ToUpperInvariant() == target && target.IndexOf('-') < 0 && target.IndexOf('_') < 0 && !target.StartsWith("DOCKER", StringComparison.Ordinal);

        private static string? OwnerOf(string chain, string? target)
        {
            foreach (var name in new[] { chain, target })
            {
                if (name == null)
                {
                    continue;
                }

                if (name.StartsWith("f2b-", StringComparison.Ordinal))
                {
                    return "fail2ban:" + name.Substring(4);
                }

                if (name.StartsWith("ufw", StringComparison.Ordinal))
                {
                    return "ufw";
                }

                if (name.StartsWith("DOCKER", StringComparison.Ordinal))
                {
                    return "docker";
                }

                if (name.StartsWith("IN_", StringComparison.Ordinal) || name.StartsWith("INPUT_", StringComparison.Ordinal) || name.StartsWith("FWD", StringComparison.Ordinal))
                {
                    return "firewalld";
                }
            }

            return null;
        }

        private static List<(int, int)> Ports(string text)
        {
            var ranges = new List<(int, int)>();
            foreach (var part in text.Split(','))
            {
                var colon = part.IndexOf(':');
                if (colon < 0 && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
                {
                    ranges.Add((single, single));
                }
                else if (colon >= 0)
                {
                    var low = colon == 0 ? 0 : int.Parse(part.Substring(0, colon), CultureInfo.InvariantCulture);
                    var high = colon == part.Length - 1 ? 65535 : int.Parse(part.Substring(colon + 1), CultureInfo.InvariantCulture);
                    ranges.Add((low, high));
                }
            }

            return ranges;
        }

        // Splits on spaces, keeping "quoted strings" (comments) together without their quotes.
        // Plain words are cut out with Substring: a dump may hold 100,000 rules.
        private static List<string> Words(string text)
        {
            var words = new List<string>(24);
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == ' ')
                {
                    i++;
                    continue;
                }

                if (text[i] != '"')
                {
                    var space = text.IndexOf(' ', i);
                    var end = space < 0 ? text.Length : space;
                    words.Add(text.Substring(i, end - i));
                    i = end;
                    continue;
                }

                var quoted = new StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    quoted.Append(text[i]);
                }

                words.Add(quoted.ToString());
                i++;
            }

            return words;
        }
    }
}
