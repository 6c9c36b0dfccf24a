using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Walks filter/INPUT of one iptables backend for a new connection: rules in order, jumps
    /// that come back, gotos that do not, RETURN, and the chain policy. A match it cannot
    /// evaluate makes the verdict Unknown, naming the rule.
    /// </summary>
    internal sealed class IptablesInputWalker : IInputPathWalker
    {
        private const int MaxDepth = 64;
        private readonly IReadOnlyList<IptablesRuleSet> ruleSets;
        private readonly Func<string, AddressSet?> ipsets;

        /// <summary>Creates a walker over dumps of one backend (both families); <paramref name="ipsets"/> resolves -m set names.</summary>
        public IptablesInputWalker(IReadOnlyList<IptablesRuleSet> ruleSets, Func<string, AddressSet?> ipsets)
        {
            this.ruleSets = ruleSets;
            this.ipsets = ipsets;
        }

        private enum Flow
        {
            Decided,
            Returned,
        }

        public IEnumerable<BaseChainVerdict> Walk(PacketQuery packet)
        {
            var family = packet.IsIPv6 ? "ipv6" : "ipv4";
            foreach (var set in ruleSets.Where(s => s.Family == family))
            {
                if (!set.Tables.TryGetValue("filter", out var filter) || !filter.TryGetValue("INPUT", out var input))
                {
                    continue;
                }

                var path = new List<string>();
                var (flow, decision, rule, rejectWith) = WalkChain(filter, input, packet, path, 0);
                if (flow == Flow.Returned)
                {
                    decision = input.Policy == "DROP" ? FirewallDecision.Drop : FirewallDecision.Accept;
                    rule = null;
                }

                yield return new BaseChainVerdict(set.Backend, 0, decision, rejectWith, rule, path);
            }
        }

        private (Flow Flow, FirewallDecision Decision, FirewallRule? Rule, string? RejectWith) WalkChain(
            Dictionary<string, IptablesChain> table, IptablesChain chain, PacketQuery packet, List<string> path, int depth)
        {
            path.Add($"filter/{chain.Name}");
            if (depth > MaxDepth)
            {
                return (Flow.Decided, FirewallDecision.Unknown, chain.Rules.FirstOrDefault()?.Rule, null);
            }

            foreach (var entry in chain.Rules)
            {
                var rule = entry.Rule;
                var matches = Matches(entry.Conditions, packet);
                if (matches == false)
                {
                    continue;
                }

                if (matches == null)
                {
                    if (rule.Action == FirewallAction.Log || rule.Action == FirewallAction.Other)
                    {
                        continue;
                    }

                    return (Flow.Decided, FirewallDecision.Unknown, rule, null);
                }

                switch (rule.Action)
                {
                    case FirewallAction.Accept:
                        return (Flow.Decided, FirewallDecision.Accept, rule, null);
                    case FirewallAction.Drop:
                        return (Flow.Decided, FirewallDecision.Drop, rule, null);
                    case FirewallAction.Reject:
                        return (Flow.Decided, FirewallDecision.Reject, rule, rule.RejectWith);
                    case FirewallAction.Return:
                        return (Flow.Returned, FirewallDecision.Accept, rule, null);
                    case FirewallAction.Jump:
                    case FirewallAction.Goto:
                        if (!table.TryGetValue(rule.JumpTarget!, out var target))
                        {
                            return (Flow.Decided, FirewallDecision.Unknown, rule, null);
                        }

                        var inner = WalkChain(table, target, packet, path, depth + 1);
                        if (inner.Flow == Flow.Decided)
                        {
                            return inner;
                        }

                        // A goto does not come back: the end of its chain returns from this one.
                        if (rule.Action == FirewallAction.Goto)
                        {
                            return inner;
                        }

                        path.Add($"filter/{chain.Name}");
                        break;
                }
            }

            return (Flow.Returned, FirewallDecision.Accept, null, null);
        }

        // True, false, or null when the rule uses a match this walker cannot evaluate.
        private bool? Matches(IptablesConditions c, PacketQuery packet)
        {
            if (c.NeverMatches)
            {
                return false;
            }

            if (c.Protocol is (string protocol, bool negated) && protocol != "all" && (string.Equals(protocol, packet.Protocol, StringComparison.OrdinalIgnoreCase) || ProtocolNumber(packet.Protocol) == protocol) == negated)
            {
                return false;
            }

            if (c.Source is (List<string> sources, bool sourceNegated) && sources.Any(s => IPPrefix.TryParse(s, out var p) && p.Contains(packet.Source)) == sourceNegated)
            {
                return false;
            }

            if (c.DestinationPorts is (List<(int Low, int High)> ranges, bool portNegated) && ranges.Any(r => packet.Port >= r.Low && packet.Port <= r.High) == portNegated)
            {
                return false;
            }

            if (c.State is (string[] states, bool stateNegated) && states.Any(s => s == "NEW") == stateNegated)
            {
                return false;
            }

            if (c.InInterface is (string name, bool interfaceNegated))
            {
                if (packet.InterfaceName != null)
                {
                    if (InterfaceMatches(name, packet.InterfaceName) == interfaceNegated)
                    {
                        return false;
                    }
                }
                else if (name == "lo")
                {
                    // Remote packets never arrive on loopback.
                    if (!interfaceNegated)
                    {
                        return false;
                    }
                }
                else
                {
                    return null;
                }
            }

            if (c.MatchSet is (string setName, bool setNegated))
            {
                var members = ipsets(setName);
                if (members == null)
                {
                    return null;
                }

                if (members.Contains(packet.Source) == setNegated)
                {
                    return false;
                }
            }

            // A destination is the server's own address: which one the client targets is not known here.
            if (c.Destination is (List<string> destinations, bool _) && !destinations.All(d => d == "0.0.0.0/0" || d == "::/0"))
            {
                return null;
            }

            return c.Unsupported.Count == 0 ? true : (bool?)null;
        }

        private static bool InterfaceMatches(string pattern, string name) =>
            pattern.EndsWith("+", StringComparison.Ordinal) ? name.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal) : pattern == name;

        private static string ProtocolNumber(string protocol) => protocol == "tcp" ? "6" : protocol == "udp" ? "17" : protocol;
    }
}
