using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using SshTriage.Net;
using SshTriage.Text;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads iptables-save -c (and ip6tables-save, legacy or nft backend): "*table", ":CHAIN
    /// POLICY [p:b]", "[p:b] -A CHAIN ..." lines. Dumps of 100,000 rules are normal on busy
    /// hosts, so parsing finds each rule's line and chain in place, without cutting the dump into
    /// lines or words, and reads no more of it than a walk can use to pass the rule by (see
    /// <see cref="IptablesRule"/>); a rule's conditions and its typed <see cref="FirewallRule"/>
    /// are read from its line, word by word, when they are first asked for.
    /// </summary>
    internal static class IptablesSaveParser
    {
        private static readonly (string Name, Option Option)[] Options =
        {
            ("!", Option.Not),
            ("-s", Option.Source),
            ("--source", Option.Source),
            ("-d", Option.Destination),
            ("--destination", Option.Destination),
            ("-p", Option.Protocol),
            ("--protocol", Option.Protocol),
            ("-i", Option.InInterface),
            ("--in-interface", Option.InInterface),
            ("--dport", Option.DestinationPorts),
            ("--destination-port", Option.DestinationPorts),
            ("--dports", Option.DestinationPorts),
            ("--destination-ports", Option.DestinationPorts),
            ("--ctstate", Option.State),
            ("--state", Option.State),
            ("--match-set", Option.MatchSet),
            ("--comment", Option.Comment),
            ("-m", Option.Module),
            ("--dst-type", Option.DestinationType),
            ("--src-type", Option.SourceType),
            ("--rt-type", Option.RoutingType),
            ("-j", Option.Jump),
            ("-g", Option.Goto),
            ("--goto", Option.Goto),
            ("--reject-with", Option.RejectWith),
        };

        // Options by their length: a word is compared with the two or three of its length only.
        private static readonly (string Name, Option Option)[][] OptionsByLength = ByLength(Options);

        // Modules whose options the walker reads, or that match every new inbound packet.
        private static readonly string[] KnownModules = { "tcp", "udp", "multiport", "conntrack", "state", "comment", "set", "addrtype", "rt" };

        // One word list per thread, reused for every rule read.
        [ThreadStatic]
        private static RuleWords? scratch;

        private enum Option
        {
            None,
            Not,
            Source,
            Destination,
            Protocol,
            InInterface,
            DestinationPorts,
            State,
            MatchSet,
            Comment,
            Module,
            DestinationType,
            SourceType,
            RoutingType,
            Jump,
            Goto,
            RejectWith,
        }

        private static RuleWords Scratch => scratch ??= new RuleWords();


        public static IptablesRuleSet Parse(string computerName, string output, FirewallBackend? backend, string family) =>
            Parse(computerName, Utf8Text.From(output), 0, Encoding.UTF8.GetByteCount(output), backend, family);

        /// <summary>
        /// Reads the <paramref name="length"/> bytes of <paramref name="text"/> from
        /// <paramref name="from"/> (one answer of a framed section) where they are, without a copy.
        /// </summary>
        [MethodImpl(Optimized.AtOnce)]
        internal static IptablesRuleSet Parse(string computerName, Utf8Text text, int from, int length, FirewallBackend? backend, string family)
        {
            var output = text;
            var stop = from + length;
            var detected = backend ?? (output.IndexOf("(legacy)", from, length) >= 0 ? FirewallBackend.IptablesLegacy : FirewallBackend.IptablesNft);
            var set = new IptablesRuleSet(computerName, detected, family, output);
            Dictionary<string, IptablesChain>? table = null;
            var tableName = string.Empty;
            IptablesChain? last = null;
            var position = from;
            while (position < stop)
            {
                var start = position;
                var newline = output.IndexOf('\n', start, stop - start);
                var end = newline < 0 ? stop : newline;
                position = end + 1;
                while (end > start && output[end - 1] == '\r')
                {
                    end--;
                }

                if (start == end)
                {
                    continue;
                }

                if (output[start] == '*')
                {
                    tableName = output.Substring(start + 1, end - start - 1).Trim();
                    if (!set.Tables.TryGetValue(tableName, out table))
                    {
                        set.Tables[tableName] = table = new Dictionary<string, IptablesChain>(StringComparer.Ordinal);
                    }

                    last = null;
                }
                else if (output[start] == ':' && table != null)
                {
                    var parts = output.Substring(start + 1, end - start - 1).Split(' ');
                    if (parts.Length >= 2)
                    {
                        table[parts[0]] = new IptablesChain(set, tableName, parts[0], parts[1] == "-" ? null : parts[1]);
                    }

                    last = null;
                }
                else if (table != null && (output[start] == '[' || (end - start >= 3 && output.Matches(start, "-A "))))
                {
                    last = AddRule(set, table, tableName, last, start, end) ?? last;
                }
            }

            return set;
        }

        // Adds the rule on the line to its chain and returns the chain; null when the line holds
        // no rule. "-A CHAIN" as iptables-save prints it is read in place, anything else word by
        // word. Rules of one chain come together: the previous rule's chain needs no lookup.
        [MethodImpl(Optimized.AtOnce)]
        private static IptablesChain? AddRule(IptablesRuleSet set, Dictionary<string, IptablesChain> table, string tableName, IptablesChain? previous, int start, int end)
        {
            var dump = set.Dump;
            var text = RuleStart(dump, start, end);
            if (text < 0)
            {
                return null;
            }

            var chainStart = -1;
            var chainEnd = -1;
            if (end - text > 3 && dump.Matches(text, "-A "))
            {
                chainStart = Word(dump, text + 3, end);
                chainEnd = chainStart < end && dump[chainStart] != '"' ? WordEnd(dump, chainStart, end) : -1;
            }

            string? name = null;
            if (chainEnd < 0)
            {
                var words = Scratch;
                words.Read(dump, text, end);
                if (words.Count < 2 || !words.Is(0, "-A"))
                {
                    return null;
                }

                name = words.Text(1);
            }

            var chain = previous;
            if (chain == null || (name != null ? name != chain.Name : chainEnd - chainStart != chain.Name.Length || !dump.Matches(chainStart, chain.Name)))
            {
                name ??= dump.Substring(chainStart, chainEnd - chainStart);
                if (!table.TryGetValue(name, out chain))
                {
                    table[name] = chain = new IptablesChain(set, tableName, name, null);
                }
            }

            chain.Rules.Add(new IptablesRule(chain, chain.Rules.Count + 1, start, end, chainEnd < 0 ? null : LeadingSource(dump, chainEnd, end)));
            return chain;
        }

        /// <summary>The rule's conditions, read from its line of the dump.</summary>
        internal static IptablesConditions Conditions(IptablesRule rule, int start, int end)
        {
            var conditions = new IptablesConditions();
            Interpret(rule, start, end, conditions, null);
            return conditions;
        }

        /// <summary>The typed rule, read from its line of the dump.</summary>
        internal static FirewallRule Describe(IptablesRule rule, int start, int end)
        {
            var chain = rule.Chain;
            var set = chain.RuleSet;
            var dump = set.Dump;
            var columns = new FirewallRuleColumns();
            if (dump[start] == '[')
            {
                var close = dump.IndexOf(']', start, end - start);
                var colon = dump.IndexOf(':', start, close - start);
                if (colon > 0 && Number(dump, start + 1, colon) is long packets && Number(dump, colon + 1, close) is long bytes)
                {
                    columns.Packets = packets;
                    columns.Bytes = bytes;
                }
            }

            var conditions = new IptablesConditions();
            Interpret(rule, start, end, conditions, columns);
            columns.Action = conditions.Action;
            columns.RejectWith = conditions.RejectWith;
            columns.JumpTarget = conditions.JumpTarget;
            columns.Owner = OwnerOf(chain.Name, conditions.JumpTarget);
            var text = RuleStart(dump, start, end);
            return columns.ToRule(set.ComputerName, set.Backend, set.Family, chain.Table, chain.Name, rule.Index, dump.Substring(text, end - text));
        }

        /// <summary>
        /// The source a rule begins with ("-A CHAIN -s PREFIX ..."), when it is its only one: then
        /// the rule matches nothing from elsewhere, whatever else it says. Null when the rule
        /// begins otherwise (! -s, -p, ...), names several prefixes, or might name another -s
        /// later: to be sure of that without reading every word, the rest of the line must hold
        /// no "-s" at all (which --source, --sport or --state also contain) and no backslash
        /// (which could make a quoted word read as one).
        /// </summary>
        [MethodImpl(Optimized.AtOnce)]
        private static IPPrefix? LeadingSource(Utf8Text dump, int chainEnd, int end)
        {
            var option = Word(dump, chainEnd, end);
            var optionEnd = option < end ? WordEnd(dump, option, end) : -1;
            var isSource = (optionEnd - option == 2 && dump.Matches(option, "-s"))
                || (optionEnd - option == 8 && dump.Matches(option, "--source"));
            var value = isSource ? Word(dump, optionEnd, end) : end;
            if (value == end || dump[value] == '"')
            {
                return null;
            }

            var valueEnd = WordEnd(dump, value, end);
            return dump.IndexOf(',', value, valueEnd - value) < 0
                && dump.IndexOf("-s", valueEnd, end - valueEnd) < 0
                && dump.IndexOf('\\', valueEnd, end - valueEnd) < 0
                && IPPrefix.TryParse(dump, value, valueEnd, out var prefix) ? prefix : (IPPrefix?)null;
        }

        // Where the next word starts, after the spaces at from; end when there is none.
        [MethodImpl(Optimized.AtOnce)]
        private static int Word(Utf8Text dump, int from, int end)
        {
            while (from < end && dump[from] == ' ')
            {
                from++;
            }

            return from;
        }

        // Where the unquoted word that starts at start ends.
        [MethodImpl(Optimized.AtOnce)]
        private static int WordEnd(Utf8Text dump, int start, int end)
        {
            var space = dump.IndexOf(' ', start, end - start);
            return space < 0 ? end : space;
        }

        // Where the rule's text starts, after the counters "[p:b] "; -1 for a line that holds no rule.
        [MethodImpl(Optimized.AtOnce)]
        private static int RuleStart(Utf8Text dump, int start, int end)
        {
            if (dump[start] != '[')
            {
                return start;
            }

            var close = dump.IndexOf(']', start, end - start);
            if (close < 0)
            {
                return -1;
            }

            var text = close + 1;
            while (text < end && char.IsWhiteSpace(dump[text]))
            {
                text++;
            }

            return text;
        }

        // Reads the words after "-A CHAIN" into the conditions and, when describing, the typed rule's columns.
        private static void Interpret(IptablesRule rule, int start, int end, IptablesConditions c, FirewallRuleColumns? describe)
        {
            var dump = rule.Chain.RuleSet.Dump;
            var words = Scratch;
            words.Read(dump, RuleStart(dump, start, end), end);
            var negate = false;
            for (var i = 2; i < words.Count; i++)
            {
                int value;
                switch (words.OptionAt(i))
                {
                    case Option.Not:
                        negate = true;
                        continue;
                    case Option.Source:
                        value = Next(words, ref i);
                        // A source it cannot read (an IPv4-mapped address, a name) must not
                        // decide the walk either way: the rule becomes one the walker cannot evaluate.
                        var sources = words.Prefixes(value);
                        c.Sources = sources.Length == 0 ? null : sources;
                        c.Unsupported |= sources.Length == 0;
                        c.SourceNegated = negate;
                        if (describe != null)
                        {
                            describe.Source = Negated(negate, words.Text(value));
                        }

                        break;
                    case Option.Destination:
                        value = Next(words, ref i);
                        c.DestinationRestricted = words.AnyPartOtherThan(value, "0.0.0.0/0", "::/0");
                        if (describe != null)
                        {
                            describe.Destination = Negated(negate, words.Text(value));
                        }

                        break;
                    case Option.Protocol:
                        c.Protocol = words.Text(Next(words, ref i));
                        c.ProtocolNegated = negate;
                        if (describe != null)
                        {
                            describe.Protocol = c.Protocol;
                        }

                        break;
                    case Option.InInterface:
                        c.InInterface = words.Text(Next(words, ref i));
                        c.InInterfaceNegated = negate;
                        if (describe != null)
                        {
                            describe.InInterface = Negated(negate, c.InInterface);
                        }

                        break;
                    case Option.DestinationPorts:
                        value = Next(words, ref i);
                        c.DestinationPorts = words.PortRanges(value);
                        c.DestinationPortsNegated = negate;
                        if (describe != null)
                        {
                            describe.DestinationPort = Negated(negate, words.Text(value));
                        }

                        break;
                    case Option.State:
                        value = Next(words, ref i);
                        c.HasState = true;
                        c.StateIncludesNew = words.AnyPartIs(value, "NEW");
                        c.StateNegated = negate;
                        if (describe != null)
                        {
                            describe.State = words.Text(value);
                        }

                        break;
                    case Option.MatchSet:
                        c.MatchSet = words.Text(Next(words, ref i));
                        c.MatchSetNegated = negate;
                        if (describe != null)
                        {
                            describe.Set = c.MatchSet;
                        }

                        // The direction flags (src, dst) after the set's name.
                        Next(words, ref i);
                        break;
                    case Option.Comment:
                        value = Next(words, ref i);
                        if (describe != null)
                        {
                            describe.Comment = words.Text(value);
                        }

                        break;
                    case Option.Module:
                        c.Unsupported |= !words.IsAny(Next(words, ref i), KnownModules);
                        break;
                    case Option.DestinationType:
                        // The connection is addressed to one of the host's own unicast addresses.
                        c.NeverMatches |= words.Is(Next(words, ref i), "LOCAL") == negate;
                        break;
                    case Option.SourceType:
                        // A remote client's address is unicast.
                        c.NeverMatches |= words.Is(Next(words, ref i), "UNICAST") == negate;
                        break;
                    case Option.RoutingType:
                        // An ordinary SYN carries no IPv6 routing header.
                        Next(words, ref i);
                        c.NeverMatches |= !negate;
                        break;
                    case Option.Jump:
                        Target(words, Next(words, ref i), goTo: false, c);
                        break;
                    case Option.Goto:
                        Target(words, Next(words, ref i), goTo: true, c);
                        break;
                    case Option.RejectWith:
                        c.RejectWith = words.Text(Next(words, ref i));
                        break;
                    default:
                        // Options of modules and targets the walker does not need (--log-prefix, --tcp-flags, ...).
                        if (words.StartsWith(i, "--") && i + 1 < words.Count && !words.StartsWith(i + 1, "-"))
                        {
                            i++;
                        }

                        break;
                }

                negate = false;
            }

            if (c.Action == FirewallAction.Reject && c.RejectWith == null)
            {
                c.RejectWith = rule.Chain.RuleSet.Family == "ipv6" ? "icmp6-port-unreachable" : "icmp-port-unreachable";
            }
        }

        private static (string Name, Option Option)[][] ByLength((string Name, Option Option)[] options)
        {
            var byLength = new List<(string, Option)>[options.Max(o => o.Name.Length) + 1];
            foreach (var option in options)
            {
                (byLength[option.Name.Length] ??= new List<(string, Option)>()).Add(option);
            }

            return byLength.Select(list => list?.ToArray() ?? Array.Empty<(string, Option)>()).ToArray();
        }

        // The word after the option, or -1 when the rule ends there (read as an empty word).
        private static int Next(RuleWords words, ref int i) => i + 1 < words.Count ? ++i : -1;

        private static string Negated(bool negate, string value) => negate ? "!" + value : value;

        private static void Target(RuleWords words, int target, bool goTo, IptablesConditions c)
        {
            if (words.Is(target, "ACCEPT"))
            {
                c.Action = FirewallAction.Accept;
            }
            else if (words.Is(target, "DROP"))
            {
                c.Action = FirewallAction.Drop;
            }
            else if (words.Is(target, "REJECT"))
            {
                c.Action = FirewallAction.Reject;
            }
            else if (words.Is(target, "RETURN"))
            {
                c.Action = FirewallAction.Return;
            }
            else if (words.Is(target, "LOG") || words.Is(target, "NFLOG") || words.Is(target, "ULOG"))
            {
                c.Action = FirewallAction.Log;
            }
            else
            {
                var name = words.Text(target);
                var builtIn = IsBuiltInTarget(name);
                c.Action = builtIn ? FirewallAction.Other : goTo ? FirewallAction.Goto : FirewallAction.Jump;
                c.JumpTarget = builtIn ? null : name;
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

        // Decimal digits only, as iptables prints counters and ports; null for anything else or an overflow.
        private static long? Number(Utf8Text text, int start, int end)
        {
            if (start >= end)
            {
                return null;
            }

            long value = 0;
            for (var i = start; i < end; i++)
            {
                if (text[i] < '0' || text[i] > '9' || value > (long.MaxValue - 9) / 10)
                {
                    return null;
                }

                value = (value * 10) + (text[i] - '0');
            }

            return value;
        }

        /// <summary>
        /// The words of one rule, as places in a string rather than strings: split on spaces,
        /// "quoted strings" (comments) kept together without their quotes. A quoted word with
        /// backslash escapes is the one kind that is copied out.
        /// </summary>
        private sealed class RuleWords
        {
            private Utf8Text[] texts = new Utf8Text[32];
            private int[] starts = new int[32];
            private int[] lengths = new int[32];

            public int Count { get; private set; }

            public void Read(Utf8Text dump, int start, int end)
            {
                Count = 0;
                var i = start;
                while (i < end)
                {
                    if (dump[i] == ' ')
                    {
                        i++;
                        continue;
                    }

                    if (dump[i] != '"')
                    {
                        var wordEnd = WordEnd(dump, i, end);
                        Add(dump, i, wordEnd - i);
                        i = wordEnd;
                        continue;
                    }

                    var open = ++i;
                    MemoryStream? unescaped = null;
                    for (; i < end && dump[i] != '"'; i++)
                    {
                        if (dump[i] == '\\' && i + 1 < end)
                        {
                            unescaped ??= new MemoryStream();
                            unescaped.Write(dump.Bytes, open, i - open);
                            i++;
                            open = i + 1;
                            unescaped.WriteByte(dump.Bytes[i]);
                        }
                    }

                    if (unescaped == null)
                    {
                        Add(dump, open, i - open);
                    }
                    else
                    {
                        unescaped.Write(dump.Bytes, open, i - open);
                        var word = new Utf8Text(unescaped.ToArray());
                        Add(word, 0, word.Length);
                    }

                    i++;
                }
            }

            /// <summary>What a word stands for when it is an option; None for any other word.</summary>
            public Option OptionAt(int word)
            {
                var length = lengths[word];
                if (length == 0 || length >= OptionsByLength.Length || (texts[word][starts[word]] != '-' && texts[word][starts[word]] != '!'))
                {
                    return IptablesSaveParser.Option.None;
                }

                foreach (var (name, option) in OptionsByLength[length])
                {
                    if (texts[word].Matches(starts[word], name))
                    {
                        return option;
                    }
                }

                return IptablesSaveParser.Option.None;
            }

            // Word -1 is the empty word a rule that ends early supplies.
            public bool Is(int word, string value) =>
                word < 0 ? value.Length == 0 : lengths[word] == value.Length && texts[word].Matches(starts[word], value);

            public bool IsAny(int word, string[] values)
            {
                foreach (var value in values)
                {
                    if (Is(word, value))
                    {
                        return true;
                    }
                }

                return false;
            }

            public bool StartsWith(int word, string prefix) =>
                word >= 0 && lengths[word] >= prefix.Length && texts[word].Matches(starts[word], prefix);

            public string Text(int word) => word < 0 ? string.Empty : texts[word].Substring(starts[word], lengths[word]);

            /// <summary>The comma-separated prefixes of the word that can be read; a rule with "-s name" matches no address.</summary>
            public IPPrefix[] Prefixes(int word)
            {
                Place(word, out var text, out var start, out var end);
                if (PartEnd(text, start, end) == end)
                {
                    // iptables-save prints one prefix per rule: no list for it.
                    return IPPrefix.TryParse(text, start, end, out var single) ? new[] { single } : Array.Empty<IPPrefix>();
                }

                var prefixes = new List<IPPrefix>();
                var part = start;
                while (true)
                {
                    var partEnd = PartEnd(text, part, end);
                    if (IPPrefix.TryParse(text, part, partEnd, out var prefix))
                    {
                        prefixes.Add(prefix);
                    }

                    if (partEnd == end)
                    {
                        return prefixes.ToArray();
                    }

                    part = partEnd + 1;
                }
            }

            /// <summary>The comma-separated port numbers and low:high ranges of the word; parts that are neither are left out, as iptables prints neither.</summary>
            public (int Low, int High)[] PortRanges(int word)
            {
                Place(word, out var text, out var start, out var end);
                var ranges = new List<(int, int)>(1);
                var part = start;
                while (true)
                {
                    var partEnd = PartEnd(text, part, end);
                    var colon = text.IndexOf(':', part, partEnd - part);
                    var low = colon < 0 ? Number(text, part, partEnd) : colon == part ? 0 : Number(text, part, colon);
                    var high = colon < 0 ? low : colon == partEnd - 1 ? 65535 : Number(text, colon + 1, partEnd);
                    if (low <= int.MaxValue && high <= int.MaxValue)
                    {
                        ranges.Add(((int)low.Value, (int)high.Value));
                    }

                    if (partEnd == end)
                    {
                        return ranges.ToArray();
                    }

                    part = partEnd + 1;
                }
            }

            public bool AnyPartIs(int word, string value)
            {
                Place(word, out var text, out var start, out var end);
                var part = start;
                while (true)
                {
                    var partEnd = PartEnd(text, part, end);
                    if (partEnd - part == value.Length && text.Matches(part, value))
                    {
                        return true;
                    }

                    if (partEnd == end)
                    {
                        return false;
                    }

                    part = partEnd + 1;
                }
            }

            public bool AnyPartOtherThan(int word, string one, string other)
            {
                Place(word, out var text, out var start, out var end);
                var part = start;
                while (true)
                {
                    var partEnd = PartEnd(text, part, end);
                    var length = partEnd - part;
                    if ((length != one.Length || !text.Matches(part, one))
                        && (length != other.Length || !text.Matches(part, other)))
                    {
                        return true;
                    }

                    if (partEnd == end)
                    {
                        return false;
                    }

                    part = partEnd + 1;
                }
            }

            // Where a comma-separated part that starts at start ends.
            private static int PartEnd(Utf8Text text, int start, int end)
            {
                var comma = text.IndexOf(',', start, end - start);
                return comma < 0 ? end : comma;
            }

            // Where a word lies; word -1 is an empty one.
            private void Place(int word, out Utf8Text text, out int start, out int end)
            {
                text = word < 0 ? Utf8Text.Empty : texts[word];
                start = word < 0 ? 0 : starts[word];
                end = word < 0 ? 0 : start + lengths[word];
            }

            private void Add(Utf8Text text, int start, int length)
            {
                if (Count == texts.Length)
                {
                    Array.Resize(ref texts, Count * 2);
                    Array.Resize(ref starts, Count * 2);
                    Array.Resize(ref lengths, Count * 2);
                }

                texts[Count] = text;
                starts[Count] = start;
                lengths[Count] = length;
                Count++;
            }
        }
    }
}
