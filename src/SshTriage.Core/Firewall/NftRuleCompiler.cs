using System;
using System.Collections.Generic;
using SshTriage.Json;

namespace SshTriage.Firewall
{
    /// <summary>Turns one rule's JSON into its evaluable conditions and the columns of its public view.</summary>
    internal sealed class NftRuleCompiler
    {
        private readonly NftRulesetBuilder builder;
        private readonly NftChain chain;
        private readonly JsonValue body;
        private readonly NftRuleDraft draft;
        private readonly FirewallRuleColumns columns;
        private readonly List<NftMatch> matches = new List<NftMatch>();
        private NftEffect? effect;
        private bool logs;
        private bool limits;
        private string? xtTarget;

        public NftRuleCompiler(NftRulesetBuilder builder, NftChain chain, int index, JsonValue body)
        {
            this.builder = builder;
            this.chain = chain;
            this.body = body;
            var expressions = body["expr"] ?? JsonValue.Array(Array.Empty<JsonValue>());
            var comment = body["comment"]?.StringValue;
            draft = new NftRuleDraft(chain, index, NftText.Rule(expressions, comment));
            columns = draft.Columns;
            columns.Comment = comment;
        }

        public NftRuleDraft Compile()
        {
            if (body["expr"] is JsonValue expressions)
            {
                foreach (var statement in expressions.Items)
                {
                    Statement(statement);
                }
            }

            draft.Effect = effect ?? NftEffect.Continue;
            draft.Matches = matches;
            columns.Action = ActionOf(draft.Effect);
            return draft;
        }

        /// <summary>A set or counter the rule names was not (yet) declared.</summary>
        public bool MissedReference { get; private set; }

        /// <summary>ipv4 for ip, ipv6 for ip6; other nft families keep their names.</summary>
        internal static string FamilyName(string family) => family == "ip" ? "ipv4" : family == "ip6" ? "ipv6" : family;

        private static NftSelector Selector(JsonValue left)
        {
            if (left.Kind != JsonKind.Object || left.Count != 1)
            {
                return new NftSelector(NftField.Unsupported);
            }

            var kind = left.Properties[0].Key;
            var body = left.Properties[0].Value;
            switch (kind)
            {
                case "payload":
                    return PayloadSelector(body["protocol"]?.StringValue, body["field"]?.StringValue);
                case "meta":
                    switch (body["key"]?.StringValue)
                    {
                        case "l4proto":
                            return new NftSelector(NftField.Protocol);
                        case "nfproto":
                        case "protocol":
                            return new NftSelector(NftField.Family);
                        case "iifname":
                        case "iif":
                            return new NftSelector(NftField.InInterface);
                        case "pkttype":
                            return new NftSelector(NftField.PacketType);
                    }

                    break;
                case "ct":
                    if (body["dir"] == null && body["family"] == null)
                    {
                        switch (body["key"]?.StringValue)
                        {
                            case "state":
                                return new NftSelector(NftField.CtState);
                            case "status":
                                return new NftSelector(NftField.CtStatus);
                        }
                    }

                    break;
                case "fib":
                    if (body["result"]?.StringValue == "type" && body["flags"] is JsonValue flags
                        && (flags.StringValue == "daddr" || (flags.Count == 1 && flags[0].StringValue == "daddr")))
                    {
                        return new NftSelector(NftField.FibDestinationType);
                    }

                    break;
                case "&":
                    if (body.Kind == JsonKind.Array && body.Count == 2 && body[0]["payload"] is JsonValue flagsPayload
                        && flagsPayload["protocol"]?.StringValue == "tcp" && flagsPayload["field"]?.StringValue == "flags")
                    {
                        var mask = new NftValues(NftValueKind.Name);
                        foreach (var flag in body[1].Kind == JsonKind.Array ? body[1].Items : new[] { body[1] })
                        {
                            mask.Add(flag);
                        }

                        return new NftSelector(NftField.TcpFlags, 0, "tcp", mask);
                    }

                    break;
            }

            return new NftSelector(NftField.Unsupported);
        }

        private static NftSelector PayloadSelector(string? protocol, string? field)
        {
            switch (protocol)
            {
                case "ip":
                case "ip6":
                    var version = protocol == "ip" ? 4 : 6;
                    switch (field)
                    {
                        case "saddr":
                            return new NftSelector(NftField.SourceAddress, version);
                        case "daddr":
                            return new NftSelector(NftField.DestinationAddress, version);
                        case "protocol":
                        case "nexthdr":
                            return new NftSelector(NftField.Protocol, version);
                        default:
                            return new NftSelector(NftField.Unsupported, version);
                    }

                case "tcp":
                case "udp":
                case "udplite":
                case "sctp":
                case "dccp":
                case "th":
                    var transport = protocol == "th" ? null : protocol;
                    switch (field)
                    {
                        case "dport":
                            return new NftSelector(NftField.DestinationPort, 0, transport);
                        case "sport":
                            return new NftSelector(NftField.SourcePort, 0, transport);
                        case "flags" when protocol == "tcp":
                            return new NftSelector(NftField.TcpFlags, 0, transport);
                        default:
                            return new NftSelector(NftField.Unsupported, 0, transport);
                    }

                case "icmp":
                case "igmp":
                    return new NftSelector(NftField.Unsupported, 4, protocol);
                case "ah":
                case "esp":
                case "comp":
                    return new NftSelector(NftField.Unsupported, 0, protocol);
                case "icmpv6":
                    return new NftSelector(NftField.Unsupported, 6, "ipv6-icmp");
                default:
                    return new NftSelector(NftField.Unsupported);
            }
        }

        private FirewallAction ActionOf(NftEffect effect)
        {
            switch (effect.Kind)
            {
                case NftEffectKind.Accept:
                    return FirewallAction.Accept;
                case NftEffectKind.Drop:
                    return FirewallAction.Drop;
                case NftEffectKind.Reject:
                    return FirewallAction.Reject;
                case NftEffectKind.Jump:
                    return FirewallAction.Jump;
                case NftEffectKind.Goto:
                    return FirewallAction.Goto;
                case NftEffectKind.Return:
                    return FirewallAction.Return;
            }

            if (xtTarget == "REJECT")
            {
                return FirewallAction.Reject;
            }

            return logs || xtTarget == "LOG" || xtTarget == "NFLOG" ? FirewallAction.Log : limits ? FirewallAction.Limit : FirewallAction.Other;
        }

        private void Statement(JsonValue statement)
        {
            if (statement.Kind != JsonKind.Object || statement.Count != 1)
            {
                SetEffect(NftEffect.Unsupported);
                return;
            }

            var key = statement.Properties[0].Key;
            var value = statement.Properties[0].Value;
            switch (key)
            {
                case "match":
                    Match(value);
                    break;
                case "counter":
                    Counter(value);
                    break;
                case "accept":
                case "drop":
                case "continue":
                case "return":
                case "jump":
                case "goto":
                    var verdict = NftRulesetBuilder.Verdict(statement);
                    SetEffect(verdict);
                    if (verdict.Kind == NftEffectKind.Jump || verdict.Kind == NftEffectKind.Goto)
                    {
                        columns.JumpTarget = verdict.Argument;
                    }

                    break;
                case "reject":
                    Reject(value);
                    break;
                case "vmap":
                    VerdictMap(value);
                    break;
                case "log":
                    logs = true;
                    break;
                case "limit":
                    limits = true;
                    matches.Add(NftMatch.Opaque);
                    break;
                case "quota":
                case "set":
                case "map":
                case "meter":
                case "ct count":
                    // These hold or not by state the rule set does not show (rates, quotas, dynamic sets).
                    matches.Add(NftMatch.Opaque);
                    break;
                case "xt":
                    if (value["type"]?.StringValue == "target")
                    {
                        xtTarget = value["name"]?.StringValue;
                        SetEffect(NftEffect.Unsupported);
                    }
                    else
                    {
                        matches.Add(NftMatch.Opaque);
                    }

                    break;
                case "mangle":
                case "notrack":
                case "dup":
                    // Side effects on marks, tracking or copies: the verdict does not change.
                    break;
                default:
                    SetEffect(NftEffect.Unsupported);
                    break;
            }
        }

        // A rule has at most one verdict, and it is last; anything else is beyond this reader.
        private void SetEffect(NftEffect next)
        {
            effect = effect == null ? next : NftEffect.Unsupported;
        }

        private void Match(JsonValue match)
        {
            var op = match["op"]?.StringValue ?? "==";
            var left = match["left"] ?? JsonValue.Null;
            var right = match["right"] ?? JsonValue.Null;
            var selector = Selector(left);
            var values = Values(selector, right);
            var number = right.TryGetInt64(out var n) ? n : (long?)null;
            matches.Add(new NftMatch(selector, op, values, number));
            Summarise(selector, op, right);
        }

        private NftValues? Values(NftSelector selector, JsonValue right)
        {
            if (selector.Field == NftField.Unsupported)
            {
                return null;
            }

            if (right.StringValue is string reference && reference.StartsWith("@", StringComparison.Ordinal))
            {
                var set = Find(reference.Substring(1));
                return set?.Values != null && set.Values.Kind == selector.Kind ? set.Values : null;
            }

            var values = new NftValues(selector.Kind);
            if (right.Kind == JsonKind.Array)
            {
                values.IsFlagList = true;
                foreach (var flag in right.Items)
                {
                    values.Add(flag);
                }
            }
            else if (right["set"] is JsonValue set)
            {
                foreach (var element in set.Kind == JsonKind.Array ? set.Items : new[] { set })
                {
                    values.Add(element);
                }
            }
            else
            {
                values.Add(right);
            }

            values.Seal();
            return values;
        }

        // Fills the public view's columns, as Get-FirewallRule shows them.
        private void Summarise(NftSelector selector, string op, JsonValue right)
        {
            var text = (op == "!=" ? "!" : op == "==" || op == "in" ? string.Empty : op) + NftText.Compact(right);
            if (right.StringValue is string reference && reference.StartsWith("@", StringComparison.Ordinal))
            {
                columns.Set ??= reference.Substring(1);
            }

            switch (selector.Field)
            {
                case NftField.SourceAddress:
                    columns.Source ??= text;
                    break;
                case NftField.DestinationAddress:
                    columns.Destination ??= text;
                    break;
                case NftField.DestinationPort:
                    columns.DestinationPort ??= text;
                    break;
                case NftField.Protocol:
                    columns.Protocol = text;
                    break;
                case NftField.InInterface:
                    columns.InInterface ??= text;
                    break;
                case NftField.CtState:
                    columns.State ??= text;
                    break;
            }

            if (selector.Transport != null && selector.Field != NftField.Unsupported)
            {
                columns.Protocol ??= selector.Transport;
            }
        }

        private void Counter(JsonValue counter)
        {
            if (columns.Packets != null)
            {
                return;
            }

            if (counter.StringValue is string name)
            {
                if (builder.FindCounter(chain.Family, chain.Table, name) is NftCounter named)
                {
                    columns.Packets = named.Packets;
                    columns.Bytes = named.Bytes;
                }
                else
                {
                    MissedReference = true;
                }
            }
            else if (counter.Kind == JsonKind.Object)
            {
                columns.Packets = NftRulesetBuilder.Count(counter, "packets");
                columns.Bytes = NftRulesetBuilder.Count(counter, "bytes");
            }
        }

        // A bare reject answers with port-unreachable in the family's ICMP. In an inet table, nft
        // adds the dependency an ICMP type needs (icmp: IPv4 only, icmpv6: IPv6 only, tcp reset:
        // TCP only) and hides it when listing, so it is put back here.
        private void Reject(JsonValue reject)
        {
            var type = reject["type"]?.StringValue;
            var code = reject["expr"] is JsonValue expr ? expr.StringValue ?? expr.ToString() : null;
            string rejectWith;
            if (type == "tcp reset")
            {
                rejectWith = type;
                matches.Add(Requires(NftField.Protocol, "tcp"));
            }
            else
            {
                type ??= chain.Family == "ip" ? "icmp" : chain.Family == "ip6" ? "icmpv6" : "icmpx";
                rejectWith = type + " " + (code ?? "port-unreachable");
                if (type == "icmp" || type == "icmpv6")
                {
                    matches.Add(Requires(NftField.Family, type == "icmp" ? "ipv4" : "ipv6"));
                }
            }

            columns.RejectWith = rejectWith;
            SetEffect(new NftEffect(NftEffectKind.Reject, rejectWith));
        }

        private NftSet? Find(string name)
        {
            var set = builder.FindSet(chain.Family, chain.Table, name);
            MissedReference |= set == null;
            return set;
        }

        private static NftMatch Requires(NftField field, string name)
        {
            var selector = new NftSelector(field);
            var values = new NftValues(selector.Kind);
            values.Add(JsonValue.String(name));
            return new NftMatch(selector, "==", values, null);
        }

        private void VerdictMap(JsonValue vmap)
        {
            var key = vmap["key"] ?? JsonValue.Null;
            var data = vmap["data"] ?? JsonValue.Null;
            var selector = Selector(key);
            NftVerdictMap? map = null;
            if (data.StringValue is string reference && reference.StartsWith("@", StringComparison.Ordinal))
            {
                columns.Set ??= reference.Substring(1);
                var set = Find(reference.Substring(1));
                map = set?.Verdicts != null && set.Verdicts.Kind == selector.Kind ? set.Verdicts : null;
            }
            else if (data["set"] is JsonValue elements && elements.Kind == JsonKind.Array)
            {
                map = new NftVerdictMap(selector.Kind);
                foreach (var element in elements.Items)
                {
                    if (element.Kind == JsonKind.Array && element.Count == 2)
                    {
                        map.Add(element[0], element[1]);
                    }
                }

                map.Seal();
            }

            SetEffect(new NftEffect(NftEffectKind.Map, null, selector, selector.Field == NftField.Unsupported ? null : map));
        }
    }
}
