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
                var (flow, decision, rule, rejectWith) = WalkChain(filter, input, packet, IPPrefix.Single(packet.Source), path, 0);
                if (flow == Flow.Returned)
                {
                    decision = input.Policy == "DROP" ? FirewallDecision.Drop : FirewallDecision.Accept;
                    rule = null;
                }

                yield return new BaseChainVerdict(set.Backend, 0, decision, rejectWith, rule, path);
            }
        }

        // The source comes as a prefix of one address, parsed once for every rule that names one.
        private (Flow Flow, FirewallDecision Decision, FirewallRule? Rule, string? RejectWith) WalkChain(
            Dictionary<string, IptablesChain> table, IptablesChain chain, PacketQuery packet, IPPrefix source, List<string> path, int depth)
        {
            path.Add($"filter/{chain.Name}");
            if (depth > MaxDepth)
            {
                return (Flow.Decided, FirewallDecision.Unknown, chain.Rules.FirstOrDefault()?.Rule, null);
            }

            foreach (var entry in chain.RulesFrom(source))
            {
                var conditions = entry.Conditions;
                var matches = Matches(conditions, packet, source);
                if (matches == false)
                {
                    continue;
                }

                if (matches == null)
                {
                    if (conditions.Action == FirewallAction.Log || conditions.Action == FirewallAction.Other)
                    {
                        continue;
                    }

                    return (Flow.Decided, FirewallDecision.Unknown, entry.Rule, null);
                }

                switch (conditions.Action)
                {
                    case FirewallAction.Accept:
                        return (Flow.Decided, FirewallDecision.Accept, entry.Rule, null);
                    case FirewallAction.Drop:
                        return (Flow.Decided, FirewallDecision.Drop, entry.Rule, null);
                    case FirewallAction.Reject:
                        return (Flow.Decided, FirewallDecision.Reject, entry.Rule, conditions.RejectWith);
                    case FirewallAction.Return:
                        return (Flow.Returned, FirewallDecision.Accept, entry.Rule, null);
                    case FirewallAction.Jump:
                    case FirewallAction.Goto:
                        if (!table.TryGetValue(conditions.JumpTarget!, out var target))
                        {
                            return (Flow.Decided, FirewallDecision.Unknown, entry.Rule, null);
                        }

                        var inner = WalkChain(table, target, packet, source, path, depth + 1);
                        if (inner.Flow == Flow.Decided)
                        {
                            return inner;
                        }

                        // A goto does not come back: the end of its chain returns from this one.
                        if (conditions.Action == FirewallAction.Goto)
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
        private bool? Matches(IptablesConditions c, PacketQuery packet, IPPrefix source)
        {
            if (c.NeverMatches)
            {
                return false;
            }

            if (c.Protocol is string protocol && protocol != "all" && (string.Equals(protocol, packet.Protocol, StringComparison.OrdinalIgnoreCase) || ProtocolNumber(packet.Protocol) == protocol) == c.ProtocolNegated)
            {
                return false;
            }

            if (c.Sources is IPPrefix[] sources && AnyContains(sources, source) == c.SourceNegated)
            {
                return false;
            }

            if (c.DestinationPorts is (int Low, int High)[] ranges && AnyContains(ranges, packet.Port) == c.DestinationPortsNegated)
            {
                return false;
            }

            if (c.HasState && c.StateIncludesNew == c.StateNegated)
            {
                return false;
            }

            if (c.InInterface is string name)
            {
                if (packet.InterfaceName != null)
                {
                    if (InterfaceMatches(name, packet.InterfaceName) == c.InInterfaceNegated)
                    {
                        return false;
                    }
                }
                else if (name == "lo")
                {
                    // Remote packets never arrive on loopback.
                    if (!c.InInterfaceNegated)
                    {
                        return false;
                    }
                }
                else
                {
                    return null;
                }
            }

            if (c.MatchSet is string setName)
            {
                var members = ipsets(setName);
                if (members == null)
                {
                    return null;
                }

                if (members.Contains(packet.Source) == c.MatchSetNegated)
                {
                    return false;
                }
            }

            // A destination is the server's own address: which one the client targets is not known here.
            if (c.DestinationRestricted)
            {
                return null;
            }

            return c.Unsupported ? null : true;
        }

        private static bool AnyContains(IPPrefix[] prefixes, IPPrefix source)
        {
            foreach (var prefix in prefixes)
            {
                if (prefix.Contains(source))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyContains((int Low, int High)[] ranges, int port)
        {
            foreach (var (low, high) in ranges)
            {
                if (port >= low && port <= high)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InterfaceMatches(string pattern, string name) =>
            pattern.EndsWith("+", StringComparison.Ordinal) ? name.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal) : pattern == name;

        private static string ProtocolNumber(string protocol) => protocol == "tcp" ? "6" : protocol == "udp" ? "17" : protocol;
    }
}
