using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using SshTriage.Evidence;
using SshTriage.Json;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads <c>nft -j list ruleset</c>: one <see cref="FirewallRule"/> per rule, and the tables,
    /// chains, sets and counters that <see cref="NftInputWalker"/> walks.
    /// </summary>
    public static class NftRulesetParser
    {
        /// <summary>The rules of the rule set, in table and chain order.</summary>
        public static IReadOnlyList<FirewallRule> Parse(string computerName, string json) => ParseRuleset(computerName, json).Rules;

        /// <summary>
        /// The whole rule set. Throws <see cref="JsonFormatException"/> for text that is not JSON and
        /// <see cref="EvidenceFormatException"/> for JSON that is not nft's.
        /// </summary>
        public static NftRuleset ParseRuleset(string computerName, string json)
        {
            var builder = new NftRulesetBuilder(computerName);
            if (!JsonReader.ReadArrayItems(json, "nftables", builder.Declare))
            {
                throw new EvidenceFormatException("The nft -j output has no \"nftables\" array.");
            }

            return builder.Build();
        }
    }

    /// <summary>An nftables rule set: tables, chains, sets and maps, named counters, and rules.</summary>
    public sealed class NftRuleset
    {
        private readonly Dictionary<(string, string, string), NftChain> chainsByName;
        private readonly Dictionary<(string, string, string), NftSet> setsByName;

        internal NftRuleset(
            string? version,
            List<NftTable> tables,
            List<NftChain> chains,
            Dictionary<(string, string, string), NftChain> chainsByName,
            List<NftSet> sets,
            Dictionary<(string, string, string), NftSet> setsByName,
            List<NftCounter> counters,
            List<FirewallRule> rules,
            NftRulesetTraits traits)
        {
            Version = version;
            Tables = tables;
            Chains = chains;
            this.chainsByName = chainsByName;
            Sets = sets;
            this.setsByName = setsByName;
            Counters = counters;
            Rules = rules;
            Traits = traits;
        }

        /// <summary>The nft version that wrote the output (metainfo), if it said.</summary>
        public string? Version { get; }

        /// <summary>The tables.</summary>
        public IReadOnlyList<NftTable> Tables { get; }

        /// <summary>Every chain, base and regular.</summary>
        public IReadOnlyList<NftChain> Chains { get; }

        /// <summary>Named sets and maps.</summary>
        public IReadOnlyList<NftSet> Sets { get; }

        /// <summary>Named counter objects.</summary>
        public IReadOnlyList<NftCounter> Counters { get; }

        /// <summary>Every rule, in table and chain order.</summary>
        public IReadOnlyList<FirewallRule> Rules { get; }

        internal NftRulesetTraits Traits { get; }

        /// <summary>The chain <paramref name="name"/> of table <paramref name="table"/> in nft family <paramref name="family"/> (ip, ip6, inet, ...).</summary>
        public NftChain? FindChain(string family, string table, string name) =>
            chainsByName.TryGetValue((family, table, name), out var chain) ? chain : null;

        /// <summary>The set or map <paramref name="name"/> of table <paramref name="table"/> in nft family <paramref name="family"/>.</summary>
        public NftSet? FindSet(string family, string table, string name) =>
            setsByName.TryGetValue((family, table, name), out var set) ? set : null;
    }

    /// <summary>One nftables table.</summary>
    public sealed class NftTable
    {
        internal NftTable(string family, string name)
        {
            Family = family;
            Name = name;
        }

        /// <summary>nft's family: ip, ip6, inet, arp, bridge or netdev.</summary>
        public string Family { get; }

        /// <summary>The table's name.</summary>
        public string Name { get; }

        /// <summary>True when iptables-nft made it: its rules hold xt expressions, opaque in nft's JSON (read iptables-save instead).</summary>
        public bool ManagedByIptablesNft { get; internal set; }
    }

    /// <summary>One chain: a base chain (with a hook) or a regular chain (reached by jump and goto).</summary>
    public sealed class NftChain
    {
        private readonly List<FirewallRule> rules = new List<FirewallRule>();

        internal NftChain(string family, string table, string name, string? type, string? hook, int? priority, string? policy)
        {
            Family = family;
            Table = table;
            Name = name;
            Type = type;
            Hook = hook;
            Priority = priority;
            Policy = policy;
        }

        /// <summary>nft's family: ip, ip6, inet, ...</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The chain's name.</summary>
        public string Name { get; }

        /// <summary>For a base chain: filter, nat or route.</summary>
        public string? Type { get; }

        /// <summary>For a base chain: prerouting, input, forward, output, postrouting, ingress.</summary>
        public string? Hook { get; }

        /// <summary>For a base chain: the hook priority, lower first (filter is 0).</summary>
        public int? Priority { get; }

        /// <summary>For a base chain: accept or drop, applied when no rule decides.</summary>
        public string? Policy { get; }

        /// <summary>True for a chain attached to a hook.</summary>
        public bool IsBaseChain => Hook != null;

        /// <summary>The chain's rules in order.</summary>
        public IReadOnlyList<FirewallRule> Rules => rules;

        internal List<NftRule> Compiled { get; } = new List<NftRule>();

        internal void Add(NftRule rule)
        {
            Compiled.Add(rule);
            rules.Add(rule.Rule);
        }

        internal void Replace(int position, NftRule rule)
        {
            Compiled[position] = rule;
            rules[position] = rule.Rule;
        }
    }

    /// <summary>A named set or map, with its elements indexed for lookups.</summary>
    public sealed class NftSet
    {
        internal NftSet(string family, string table, string name, string type, IReadOnlyList<string> flags, string? mapType, string? comment, NftValues? values, NftVerdictMap? verdicts, int count)
        {
            Family = family;
            Table = table;
            Name = name;
            Type = type;
            Flags = flags;
            MapType = mapType;
            Comment = comment;
            Values = values;
            Verdicts = verdicts;
            Count = count;
        }

        /// <summary>nft's family: ip, ip6, inet, ...</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The set's name (a rule refers to it as @name).</summary>
        public string Name { get; }

        /// <summary>The key type, e.g. ipv4_addr, inet_service, or ipv4_addr . inet_service for a concatenation.</summary>
        public string Type { get; }

        /// <summary>interval, timeout, dynamic, constant, ...</summary>
        public IReadOnlyList<string> Flags { get; }

        /// <summary>For a map: the type of the values (verdict for a verdict map); null for a set.</summary>
        public string? MapType { get; }

        /// <summary>The set's comment.</summary>
        public string? Comment { get; }

        /// <summary>Who manages the set, e.g. fail2ban:sshd for Fail2Ban's addr-set-sshd; null when unknown.</summary>
        public string? Owner { get; internal set; }

        /// <summary>How many elements it holds.</summary>
        public int Count { get; }

        /// <summary>For an address set or map: its elements (addresses, prefixes, ranges), for lookups by hashing; null otherwise.</summary>
        public AddressSet? Addresses => Values?.Addresses;

        internal NftValues? Values { get; }

        internal NftVerdictMap? Verdicts { get; }
    }

    /// <summary>A named counter object; rules that say <c>counter name "x"</c> count into it.</summary>
    public sealed class NftCounter
    {
        internal NftCounter(string family, string table, string name, long packets, long bytes, string? comment)
        {
            Family = family;
            Table = table;
            Name = name;
            Packets = packets;
            Bytes = bytes;
            Comment = comment;
        }

        /// <summary>nft's family.</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The counter's name.</summary>
        public string Name { get; }

        /// <summary>Packets counted.</summary>
        public long Packets { get; }

        /// <summary>Bytes counted.</summary>
        public long Bytes { get; }

        /// <summary>The counter's comment.</summary>
        public string? Comment { get; }
    }

    /// <summary>Facts about the whole rule set that decide how connection tracking matches can be read.</summary>
    internal sealed class NftRulesetTraits
    {
        /// <summary>Some rule rewrites destinations (dnat, redirect): ct status dnat may hold.</summary>
        public bool Dnat { get; set; }

        /// <summary>Some rule rewrites sources (snat, masquerade): ct status snat may hold.</summary>
        public bool Snat { get; set; }

        /// <summary>Some rule switches tracking off (notrack, CT --notrack): ct state may be untracked.</summary>
        public bool Notrack { get; set; }
    }

    /// <summary>What the left side of a match reads from the packet.</summary>
    internal enum NftField
    {
        Unsupported,
        SourceAddress,
        DestinationAddress,
        SourcePort,
        DestinationPort,
        Protocol,
        Family,
        InInterface,
        CtState,
        CtStatus,
        PacketType,
        FibDestinationType,
        TcpFlags,
    }

    /// <summary>How the elements of a right side, set or map key are read.</summary>
    internal enum NftValueKind
    {
        Name,
        Address,
        Number,
        Protocol,
        Family,
        Interface,
    }

    /// <summary>The left side of a match, with the protocol dependencies nft leaves implicit in its output.</summary>
    internal sealed class NftSelector
    {
        public NftSelector(NftField field, int ipVersion = 0, string? transport = null, NftValues? mask = null)
        {
            Field = field;
            IpVersion = ipVersion;
            Transport = transport;
            Mask = mask;
        }

        public NftField Field { get; }

        /// <summary>4 or 6 when the expression exists only in that family (ip saddr, ip6 nexthdr); 0 otherwise.</summary>
        public int IpVersion { get; }

        /// <summary>The transport protocol the expression implies (tcp dport: tcp); null when none (th dport).</summary>
        public string? Transport { get; }

        /// <summary>For tcp flags &amp; (...): the flags kept.</summary>
        public NftValues? Mask { get; }

        public NftValueKind Kind
        {
            get
            {
                switch (Field)
                {
                    case NftField.SourceAddress:
                    case NftField.DestinationAddress:
                        return NftValueKind.Address;
                    case NftField.SourcePort:
                    case NftField.DestinationPort:
                        return NftValueKind.Number;
                    case NftField.Protocol:
                        return NftValueKind.Protocol;
                    case NftField.Family:
                        return NftValueKind.Family;
                    case NftField.InInterface:
                        return NftValueKind.Interface;
                    default:
                        return NftValueKind.Name;
                }
            }
        }
    }

    /// <summary>
    /// The right side of a match, an anonymous set, or a named set's elements, indexed so that a
    /// lookup never walks the elements: addresses by prefix hashing, numbers by binary search over
    /// merged ranges, names by hashing.
    /// </summary>
    internal sealed class NftValues
    {
        private HashSet<string>? names;
        private AddressSet? addresses;

        // Most rules match one prefix: it is kept as such, and becomes an AddressSet with a second element.
        private IPPrefix? single;
        private List<(long Low, long High)>? ranges;
        private List<string>? interfacePrefixes;

        public NftValues(NftValueKind kind)
        {
            Kind = kind;
        }

        public NftValueKind Kind { get; }

        /// <summary>Some element could not be read: a lookup that finds nothing cannot say "no".</summary>
        public bool Partial { get; private set; }

        /// <summary>The right side was a JSON array: flags combined (ct state established,related).</summary>
        public bool IsFlagList { get; set; }

        public int Count { get; private set; }

        public AddressSet? Addresses => addresses;

        public IEnumerable<string> Names => (IEnumerable<string>?)names ?? new string[0];

        /// <summary>Every element names the loopback interface, and nothing else.</summary>
        public bool OnlyLoopback => !Partial && interfacePrefixes == null && names != null && names.Count == 1 && names.Contains("lo");

        public void Add(JsonValue element)
        {
            Count++;
            if (element.Kind == JsonKind.Object && element["elem"] is JsonValue elem)
            {
                element = elem["val"] ?? JsonValue.Null;
            }

            var ok = Kind switch
            {
                NftValueKind.Address => AddAddress(element),
                NftValueKind.Number => AddNumber(element),
                NftValueKind.Interface => AddInterface(element),
                _ => AddName(element),
            };
            Partial |= !ok;
        }

        /// <summary>Sorts and merges number ranges, and indexes a lone address when <paramref name="indexAddresses"/> (a named set shows its AddressSet); call once, after the last Add.</summary>
        public void Seal(bool indexAddresses = false)
        {
            if (indexAddresses && single != null)
            {
                Index();
            }

            if (ranges == null || ranges.Count < 2)
            {
                return;
            }

            ranges.Sort((x, y) => x.Low.CompareTo(y.Low));
            var merged = new List<(long Low, long High)> { ranges[0] };
            for (var i = 1; i < ranges.Count; i++)
            {
                var last = merged[merged.Count - 1];
                if (ranges[i].Low <= last.High + 1)
                {
                    merged[merged.Count - 1] = (last.Low, Math.Max(last.High, ranges[i].High));
                }
                else
                {
                    merged.Add(ranges[i]);
                }
            }

            ranges = merged;
        }

        public Tri ContainsAddress(IPAddress address) =>
            Found(addresses != null ? addresses.Contains(address) : single is IPPrefix prefix && prefix.Contains(address));

        public Tri ContainsNumber(long value)
        {
            if (ranges == null)
            {
                return Found(false);
            }

            var lo = 0;
            var hi = ranges.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (value < ranges[mid].Low)
                {
                    hi = mid - 1;
                }
                else if (value > ranges[mid].High)
                {
                    lo = mid + 1;
                }
                else
                {
                    return Tri.True;
                }
            }

            return Found(false);
        }

        public Tri ContainsName(string name) => Found(names != null && names.Contains(name));

        public Tri ContainsInterface(string name)
        {
            if (names != null && names.Contains(name))
            {
                return Tri.True;
            }

            // Wildcards (eth*) are few, a handful per rule at most.
            if (interfacePrefixes != null)
            {
                foreach (var prefix in interfacePrefixes)
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return Tri.True;
                    }
                }
            }

            return Found(false);
        }

        /// <summary>The canonical name of an IP protocol number, as nft and the packet query spell it.</summary>
        public static string ProtocolName(long number)
        {
            switch (number)
            {
                case 1:
                    return "icmp";
                case 6:
                    return "tcp";
                case 17:
                    return "udp";
                case 33:
                    return "dccp";
                case 58:
                    return "ipv6-icmp";
                case 132:
                    return "sctp";
                case 136:
                    return "udplite";
                default:
                    return number.ToString(CultureInfo.InvariantCulture);
            }
        }

        private Tri Found(bool found) => found ? Tri.True : Partial ? Tri.Unknown : Tri.False;

        private bool AddAddress(JsonValue element)
        {
            if (element.StringValue is string text)
            {
                return IPPrefix.TryParse(text, out var address) ? AddPrefix(address) : Index().Add(text);
            }

            if (element["prefix"] is JsonValue prefix && prefix["addr"]?.StringValue is string network && prefix["len"] is JsonValue length && length.TryGetInt64(out var bits))
            {
                return IPPrefix.TryParse(network + "/" + bits.ToString(CultureInfo.InvariantCulture), out var parsed) && AddPrefix(parsed);
            }

            if (element["range"] is JsonValue range && range.Count == 2
                && IPPrefix.TryParse(range[0].StringValue, out var low) && IPPrefix.TryParse(range[1].StringValue, out var high)
                && low.IsSingleAddress && high.IsSingleAddress && low.Family == high.Family)
            {
                Index().AddRange(low.Network, high.Network);
                return true;
            }

            return false;
        }

        private bool AddPrefix(IPPrefix prefix)
        {
            if (addresses == null && single == null && Count == 1)
            {
                single = prefix;
            }
            else
            {
                Index().Add(prefix);
            }

            return true;
        }

        private AddressSet Index()
        {
            if (addresses == null)
            {
                addresses = new AddressSet();
                if (single is IPPrefix prefix)
                {
                    addresses.Add(prefix);
                    single = null;
                }
            }

            return addresses;
        }

        private bool AddNumber(JsonValue element)
        {
            if (Number(element) is long single)
            {
                AddRange(single, single);
                return true;
            }

            if (element["range"] is JsonValue range && range.Count == 2 && Number(range[0]) is long low && Number(range[1]) is long high && low <= high)
            {
                AddRange(low, high);
                return true;
            }

            return false;
        }

        private void AddRange(long low, long high) => (ranges ??= new List<(long, long)>()).Add((low, high));

        private bool AddInterface(JsonValue element)
        {
            if (element.StringValue is not string name)
            {
                return false;
            }

            // nft prints a wildcard as a trailing *, and a literal star as \*.
            if (name.EndsWith("*", StringComparison.Ordinal) && !name.EndsWith("\\*", StringComparison.Ordinal))
            {
                (interfacePrefixes ??= new List<string>()).Add(name.Substring(0, name.Length - 1));
            }
            else
            {
                (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name.Replace("\\*", "*"));
            }

            return true;
        }

        private bool AddName(JsonValue element)
        {
            var name = element.StringValue ?? element.NumberText;
            if (name == null)
            {
                return false;
            }

            if (Kind == NftValueKind.Protocol)
            {
                name = element.TryGetInt64(out var number) ? ProtocolName(number) : name.ToLowerInvariant();
            }
            else if (Kind == NftValueKind.Family)
            {
                // nfproto numbers (2, 10), ethertypes (0x0800, 0x86dd) and names, as meta nfproto and meta protocol print them.
                name = name == "ip" || name == "2" || name == "2048" ? "ipv4" : name == "ip6" || name == "10" || name == "34525" ? "ipv6" : name;
            }

            (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            return true;
        }

        private static long? Number(JsonValue element)
        {
            if (element.TryGetInt64(out var number))
            {
                return number;
            }

            return element.StringValue is string text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number : (long?)null;
        }
    }

    /// <summary>One condition of a rule. A null <see cref="Right"/> means the walker cannot evaluate it.</summary>
    internal sealed class NftMatch
    {
        /// <summary>A condition that holds or not for reasons the walker cannot see (limit, quota, xt match, ...).</summary>
        public static readonly NftMatch Opaque = new NftMatch(new NftSelector(NftField.Unsupported), "==", null, null);

        public NftMatch(NftSelector left, string op, NftValues? right, long? number)
        {
            Left = left;
            Op = op;
            Right = right;
            Number = number;
        }

        public NftSelector Left { get; }

        /// <summary>==, !=, in (a flag test), &lt;, &gt;, &lt;=, &gt;=.</summary>
        public string Op { get; }

        public NftValues? Right { get; }

        /// <summary>The right side when it is one number, for comparisons.</summary>
        public long? Number { get; }
    }

    internal enum NftEffectKind
    {
        Continue,
        Accept,
        Drop,
        Reject,
        Jump,
        Goto,
        Return,
        Map,
        Unsupported,
    }

    /// <summary>What a rule does when its conditions hold.</summary>
    internal sealed class NftEffect
    {
        public static readonly NftEffect Continue = new NftEffect(NftEffectKind.Continue, null);
        public static readonly NftEffect Accept = new NftEffect(NftEffectKind.Accept, null);
        public static readonly NftEffect Drop = new NftEffect(NftEffectKind.Drop, null);
        public static readonly NftEffect Return = new NftEffect(NftEffectKind.Return, null);
        public static readonly NftEffect Unsupported = new NftEffect(NftEffectKind.Unsupported, null);

        public NftEffect(NftEffectKind kind, string? argument, NftSelector? mapKey = null, NftVerdictMap? map = null)
        {
            Kind = kind;
            Argument = argument;
            MapKey = mapKey;
            Map = map;
        }

        public NftEffectKind Kind { get; }

        /// <summary>Jump and Goto: the target chain; Reject: what answers the client.</summary>
        public string? Argument { get; }

        public NftSelector? MapKey { get; }

        /// <summary>For Map: the verdict map; null when it could not be found or read.</summary>
        public NftVerdictMap? Map { get; }
    }

    /// <summary>A verdict map's elements grouped by verdict: one index per distinct verdict, never a walk over elements.</summary>
    internal sealed class NftVerdictMap
    {
        private readonly Dictionary<string, (NftValues Keys, NftEffect Verdict)> groups = new Dictionary<string, (NftValues, NftEffect)>(StringComparer.Ordinal);

        public NftVerdictMap(NftValueKind kind)
        {
            Kind = kind;
        }

        public NftValueKind Kind { get; }

        public IEnumerable<(NftValues Keys, NftEffect Verdict)> Groups => groups.Values;

        public void Add(JsonValue key, JsonValue verdict)
        {
            var effect = NftRulesetBuilder.Verdict(verdict);
            var name = effect.Kind + ":" + effect.Argument;
            if (!groups.TryGetValue(name, out var group))
            {
                groups[name] = group = (new NftValues(Kind), effect);
            }

            group.Keys.Add(key);
        }

        public void Seal()
        {
            foreach (var group in groups.Values)
            {
                group.Keys.Seal();
            }
        }
    }

    /// <summary>One parsed rule: the public view, and the conditions and effect the walker evaluates.</summary>
    internal sealed class NftRule
    {
        public NftRule(FirewallRule rule, IReadOnlyList<NftMatch> matches, NftEffect effect)
        {
            Rule = rule;
            Matches = matches;
            Effect = effect;
        }

        public FirewallRule Rule { get; }

        /// <summary>All must hold for the effect to apply.</summary>
        public IReadOnlyList<NftMatch> Matches { get; }

        public NftEffect Effect { get; }
    }

    /// <summary>
    /// Reads nft's objects as they stream past. nft lists a table's sets, counters and chains
    /// before its rules, so a rule is compiled at once; one that names something not yet seen is
    /// compiled again at the end.
    /// </summary>
    internal sealed class NftRulesetBuilder
    {
        private static readonly string[] NoFlags = new string[0];

        private readonly string computerName;
        private readonly List<NftTable> tables = new List<NftTable>();
        private readonly Dictionary<(string, string), NftTable> tablesByName = new Dictionary<(string, string), NftTable>();
        private readonly List<NftChain> chains = new List<NftChain>();
        private readonly Dictionary<(string, string, string), NftChain> chainsByName = new Dictionary<(string, string, string), NftChain>();
        private readonly List<NftSet> sets = new List<NftSet>();
        private readonly Dictionary<(string, string, string), NftSet> setsByName = new Dictionary<(string, string, string), NftSet>();
        private readonly List<NftCounter> counters = new List<NftCounter>();
        private readonly Dictionary<(string, string, string), NftCounter> countersByName = new Dictionary<(string, string, string), NftCounter>();
        private readonly List<FirewallRule> rules = new List<FirewallRule>();
        private readonly List<(NftChain Chain, int Position, int Rule, JsonValue Body)> deferred = new List<(NftChain, int, int, JsonValue)>();
        private readonly NftRulesetTraits traits = new NftRulesetTraits();
        private string? version;

        public NftRulesetBuilder(string computerName)
        {
            this.computerName = computerName;
        }

        public void Declare(JsonValue item)
        {
            if (item.Kind != JsonKind.Object || item.Count != 1)
            {
                throw new EvidenceFormatException("An item of nft's \"nftables\" array is not an object with one member: " + Excerpt(item));
            }

            var kind = item.Properties[0].Key;
            var body = item.Properties[0].Value;
            switch (kind)
            {
                case "metainfo":
                    version = body["version"]?.StringValue;
                    break;
                case "table":
                    var table = new NftTable(Text(body, "family"), Text(body, "name"));
                    tables.Add(table);
                    tablesByName[(table.Family, table.Name)] = table;
                    break;
                case "chain":
                    DeclareChain(body);
                    break;
                case "set":
                case "map":
                    DeclareSet(body, kind == "map");
                    break;
                case "counter":
                    var counter = new NftCounter(Text(body, "family"), Text(body, "table"), Text(body, "name"), Count(body, "packets"), Count(body, "bytes"), body["comment"]?.StringValue);
                    counters.Add(counter);
                    countersByName[(counter.Family, counter.Table, counter.Name)] = counter;
                    break;
                case "rule":
                    NoteTraits(body);
                    AddRule(body);
                    break;
            }
        }

        public NftRuleset Build()
        {
            foreach (var (chain, position, rule, body) in deferred)
            {
                var compiled = new NftRuleCompiler(this, chain, position + 1, body).Compile();
                chain.Replace(position, compiled);
                rules[rule] = compiled.Rule;
            }

            // Whether iptables-nft made a table is known only once all its rules are seen.
            foreach (var chain in chains)
            {
                if (IsManagedByIptablesNft(chain.Family, chain.Table))
                {
                    foreach (var rule in chain.Rules)
                    {
                        rule.Owner ??= "iptables-nft";
                    }
                }
            }

            return new NftRuleset(version, tables, chains, chainsByName, sets, setsByName, counters, rules, traits);
        }

        internal string ComputerName => computerName;

        internal NftSet? FindSet(string family, string table, string name) => setsByName.TryGetValue((family, table, name), out var set) ? set : null;

        internal NftCounter? FindCounter(string family, string table, string name) => countersByName.TryGetValue((family, table, name), out var counter) ? counter : null;

        /// <summary>A verdict as a map value or a statement: accept, drop, continue, return, jump, goto.</summary>
        internal static NftEffect Verdict(JsonValue verdict)
        {
            if (verdict.Kind == JsonKind.Object && verdict.Count == 1)
            {
                var member = verdict.Properties[0];
                switch (member.Key)
                {
                    case "accept":
                        return NftEffect.Accept;
                    case "drop":
                        return NftEffect.Drop;
                    case "continue":
                        return NftEffect.Continue;
                    case "return":
                        return NftEffect.Return;
                    case "jump":
                    case "goto":
                        if (member.Value["target"]?.StringValue is string target)
                        {
                            return new NftEffect(member.Key == "jump" ? NftEffectKind.Jump : NftEffectKind.Goto, target);
                        }

                        break;
                }
            }

            return NftEffect.Unsupported;
        }

        internal static string Text(JsonValue body, string name) =>
            body[name]?.StringValue ?? throw new EvidenceFormatException($"An nft object has no \"{name}\" text: {Excerpt(body)}");

        internal static long Count(JsonValue body, string name) =>
            body[name] is JsonValue value && value.TryGetInt64(out var count) ? count : 0;

        internal static string Excerpt(JsonValue value)
        {
            var text = value.ToString();
            return text.Length > 200 ? text.Substring(0, 200) + "..." : text;
        }

        private static NftValueKind? KindOfType(string type)
        {
            switch (type)
            {
                case "ipv4_addr":
                case "ipv6_addr":
                    return NftValueKind.Address;
                case "inet_service":
                    return NftValueKind.Number;
                case "inet_proto":
                    return NftValueKind.Protocol;
                case "nf_proto":
                    return NftValueKind.Family;
                case "ifname":
                    return NftValueKind.Interface;
                case "ct_state":
                case "ct_status":
                case "pkt_type":
                    return NftValueKind.Name;
                default:
                    return null;
            }
        }

        private bool IsManagedByIptablesNft(string family, string table) => tablesByName.TryGetValue((family, table), out var t) && t.ManagedByIptablesNft;

        private void AddRule(JsonValue body)
        {
            var family = Text(body, "family");
            var tableName = Text(body, "table");
            var chainName = Text(body, "chain");
            if (!chainsByName.TryGetValue((family, tableName, chainName), out var chain))
            {
                throw new EvidenceFormatException($"nft lists a rule of chain {family} {tableName} {chainName} before declaring the chain.");
            }

            var compiler = new NftRuleCompiler(this, chain, chain.Compiled.Count + 1, body);
            var compiled = compiler.Compile();
            if (compiler.MissedReference)
            {
                deferred.Add((chain, chain.Compiled.Count, rules.Count, body));
            }

            chain.Add(compiled);
            rules.Add(compiled.Rule);
        }

        private void DeclareChain(JsonValue body)
        {
            int? priority = null;
            if (body["prio"] is JsonValue prio)
            {
                if (!prio.TryGetInt64(out var number) || number < int.MinValue || number > int.MaxValue)
                {
                    throw new EvidenceFormatException("An nft base chain's priority is not a whole number: " + Excerpt(body));
                }

                priority = (int)number;
            }

            var chain = new NftChain(Text(body, "family"), Text(body, "table"), Text(body, "name"), body["type"]?.StringValue, body["hook"]?.StringValue, priority, body["policy"]?.StringValue);
            chains.Add(chain);
            chainsByName[(chain.Family, chain.Table, chain.Name)] = chain;
        }

        private void DeclareSet(JsonValue body, bool isMap)
        {
            var typeValue = body["type"];
            var type = typeValue?.StringValue ?? (typeValue != null && typeValue.Kind == JsonKind.Array ? NftText.Join(typeValue, " . ") : "");
            var flags = body["flags"] is JsonValue flagValue
                ? (flagValue.StringValue is string single ? new[] { single } : ToStrings(flagValue))
                : NoFlags;
            var mapType = isMap ? body["map"]?.StringValue ?? NftText.Value(body["map"] ?? JsonValue.Null, false) : null;
            var kind = KindOfType(type);
            var values = kind is NftValueKind k ? new NftValues(k) : null;
            var verdicts = kind is NftValueKind v && mapType == "verdict" ? new NftVerdictMap(v) : null;
            var elements = body["elem"]?.Items ?? (IReadOnlyList<JsonValue>)new JsonValue[0];
            foreach (var element in elements)
            {
                // A map element is [key, value].
                var key = isMap && element.Kind == JsonKind.Array && element.Count == 2 ? element[0] : element;
                values?.Add(key);
                if (verdicts != null && key != element)
                {
                    verdicts.Add(key, element[1]);
                }
            }

            values?.Seal(indexAddresses: true);
            verdicts?.Seal();
            var set = new NftSet(Text(body, "family"), Text(body, "table"), Text(body, "name"), type, flags, mapType, body["comment"]?.StringValue, values, verdicts, elements.Count);
            set.Owner = NftOwners.OfSet(set.Table, set.Name);
            sets.Add(set);
            setsByName[(set.Family, set.Table, set.Name)] = set;
        }

        private static string[] ToStrings(JsonValue array)
        {
            var result = new string[array.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = array[i].StringValue ?? array[i].ToString();
            }

            return result;
        }

        // nft itself calls a table "managed by iptables-nft" when a rule holds an xt expression.
        private void NoteTraits(JsonValue body)
        {
            if (body["expr"] is not JsonValue expressions)
            {
                return;
            }

            foreach (var statement in expressions.Items)
            {
                if (statement.Kind != JsonKind.Object || statement.Count != 1)
                {
                    continue;
                }

                var key = statement.Properties[0].Key;
                switch (key)
                {
                    case "xt":
                        if (body["family"]?.StringValue is string family && body["table"]?.StringValue is string table && tablesByName.TryGetValue((family, table), out var managed))
                        {
                            managed.ManagedByIptablesNft = true;
                        }

                        var target = statement.Properties[0].Value["type"]?.StringValue == "target" ? statement.Properties[0].Value["name"]?.StringValue : null;
                        traits.Dnat |= target == "DNAT" || target == "REDIRECT" || target == "NETMAP";
                        traits.Snat |= target == "SNAT" || target == "MASQUERADE" || target == "NETMAP";
                        traits.Notrack |= target == "NOTRACK" || target == "CT";
                        break;
                    case "dnat":
                    case "redirect":
                        traits.Dnat = true;
                        break;
                    case "snat":
                    case "masquerade":
                        traits.Snat = true;
                        break;
                    case "notrack":
                        traits.Notrack = true;
                        break;
                }
            }
        }
    }

    /// <summary>Turns one rule's JSON into its public view and its evaluable conditions.</summary>
    internal sealed class NftRuleCompiler
    {
        private readonly NftRulesetBuilder builder;
        private readonly NftChain chain;
        private readonly JsonValue body;
        private readonly FirewallRule rule;
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
            var expressions = body["expr"] ?? JsonValue.Array(new JsonValue[0]);
            rule = new FirewallRule(builder.ComputerName, FirewallBackend.Nftables, FamilyName(chain.Family), chain.Table, chain.Name, index, NftText.Rule(expressions, body["comment"]?.StringValue))
            {
                Comment = body["comment"]?.StringValue,
            };
        }

        public NftRule Compile()
        {
            if (body["expr"] is JsonValue expressions)
            {
                foreach (var statement in expressions.Items)
                {
                    Statement(statement);
                }
            }

            var final = effect ?? NftEffect.Continue;
            rule.Action = ActionOf(final);
            rule.Owner = NftOwners.OfRule(chain.Table, chain.Name, rule.JumpTarget, rule.Set);
            return new NftRule(rule, matches, final);
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
                        rule.JumpTarget = verdict.Argument;
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
                rule.Set ??= reference.Substring(1);
            }

            switch (selector.Field)
            {
                case NftField.SourceAddress:
                    rule.Source ??= text;
                    break;
                case NftField.DestinationAddress:
                    rule.Destination ??= text;
                    break;
                case NftField.DestinationPort:
                    rule.DestinationPort ??= text;
                    break;
                case NftField.Protocol:
                    rule.Protocol = text;
                    break;
                case NftField.InInterface:
                    rule.InInterface ??= text;
                    break;
                case NftField.CtState:
                    rule.State ??= text;
                    break;
            }

            if (selector.Transport != null && selector.Field != NftField.Unsupported)
            {
                rule.Protocol ??= selector.Transport;
            }
        }

        private void Counter(JsonValue counter)
        {
            if (rule.Packets != null)
            {
                return;
            }

            if (counter.StringValue is string name)
            {
                if (builder.FindCounter(chain.Family, chain.Table, name) is NftCounter named)
                {
                    rule.Packets = named.Packets;
                    rule.Bytes = named.Bytes;
                }
                else
                {
                    MissedReference = true;
                }
            }
            else if (counter.Kind == JsonKind.Object)
            {
                rule.Packets = NftRulesetBuilder.Count(counter, "packets");
                rule.Bytes = NftRulesetBuilder.Count(counter, "bytes");
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

            rule.RejectWith = rejectWith;
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
                rule.Set ??= reference.Substring(1);
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

    /// <summary>Who manages a rule or set, from the names that Fail2Ban, ufw, Docker and firewalld give their objects.</summary>
    internal static class NftOwners
    {
        public static string? OfSet(string table, string name)
        {
            if (table.StartsWith("firewalld", StringComparison.Ordinal))
            {
                return "firewalld";
            }

            return IsFail2BanTable(table) ? Fail2Ban(name) ?? "fail2ban" : null;
        }

        /// <summary>The owner by names alone; rules of tables made by iptables-nft get "iptables-nft" when nothing else claims them.</summary>
        public static string? OfRule(string table, string chain, string? target, string? set)
        {
            if (table.StartsWith("firewalld", StringComparison.Ordinal))
            {
                return "firewalld";
            }

            if (IsFail2BanTable(table))
            {
                return (set == null ? null : Fail2Ban(set)) ?? Fail2BanChain(chain) ?? "fail2ban";
            }

            foreach (var name in new[] { chain, target })
            {
                if (name == null)
                {
                    continue;
                }

                if (Fail2BanChain(name) is string jail)
                {
                    return jail;
                }

                if (name.StartsWith("ufw", StringComparison.Ordinal))
                {
                    return "ufw";
                }

                if (name.StartsWith("DOCKER", StringComparison.Ordinal))
                {
                    return "docker";
                }
            }

            return null;
        }

        // Fail2Ban's nftables actions: table f2b-table, chain f2b-chain, sets addr-set-<jail> and addr6-set-<jail>.
        private static bool IsFail2BanTable(string table) => table.StartsWith("f2b", StringComparison.Ordinal);

        private static string? Fail2Ban(string set)
        {
            foreach (var prefix in new[] { "addr-set-", "addr6-set-" })
            {
                if (set.StartsWith(prefix, StringComparison.Ordinal) && set.Length > prefix.Length)
                {
                    return "fail2ban:" + set.Substring(prefix.Length);
                }
            }

            return null;
        }

        // iptables actions name the chain f2b-<jail>; f2b-chain is the nftables actions' shared chain.
        private static string? Fail2BanChain(string chain) =>
            chain.StartsWith("f2b-", StringComparison.Ordinal) && chain != "f2b-chain" && chain.Length > 4 ? "fail2ban:" + chain.Substring(4) : null;
    }

    /// <summary>Renders nft's JSON back into nft's text form, closely enough to recognise a rule.</summary>
    internal static class NftText
    {
        public static string Rule(JsonValue expressions, string? comment)
        {
            var builder = new StringBuilder();
            foreach (var statement in expressions.Items)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(Statement(statement));
            }

            if (comment != null)
            {
                builder.Append(builder.Length > 0 ? " " : string.Empty).Append("comment ").Append(Quote(comment));
            }

            return builder.ToString();
        }

        public static string Statement(JsonValue statement)
        {
            if (statement.Kind != JsonKind.Object || statement.Count != 1)
            {
                return statement.ToString();
            }

            var key = statement.Properties[0].Key;
            var value = statement.Properties[0].Value;
            switch (key)
            {
                case "match":
                    var left = value["left"] ?? JsonValue.Null;
                    var op = value["op"]?.StringValue ?? "==";
                    return Expression(left) + " " + (op == "==" || op == "in" ? string.Empty : op + " ") + Value(value["right"] ?? JsonValue.Null, QuotesValues(left));
                case "counter":
                    if (value.StringValue is string counterName)
                    {
                        return "counter name " + Quote(counterName);
                    }

                    return value.Kind == JsonKind.Object ? $"counter packets {Number(value["packets"])} bytes {Number(value["bytes"])}" : "counter";
                case "accept":
                case "drop":
                case "continue":
                case "return":
                    return key;
                case "jump":
                case "goto":
                    return key + " " + (value["target"]?.StringValue ?? value.ToString());
                case "reject":
                    var type = value["type"]?.StringValue;
                    if (type == null)
                    {
                        return "reject";
                    }

                    return "reject with " + type + (value["expr"] is JsonValue code ? " " + Value(code, false) : string.Empty);
                case "log":
                    var log = new StringBuilder("log");
                    if (value["prefix"]?.StringValue is string prefix)
                    {
                        log.Append(" prefix ").Append(Quote(prefix));
                    }

                    if (value["level"]?.StringValue is string level)
                    {
                        log.Append(" level ").Append(level);
                    }

                    if (value["group"] is JsonValue group)
                    {
                        log.Append(" group ").Append(Value(group, false));
                    }

                    return log.ToString();
                case "limit":
                    return Limit(value);
                case "vmap":
                    return Expression(value["key"] ?? JsonValue.Null) + " vmap " + Value(value["data"] ?? JsonValue.Null, false);
                case "xt":
                    return "xt " + value["type"]?.StringValue + " " + value["name"]?.StringValue;
                case "mangle":
                    return Expression(value["key"] ?? JsonValue.Null) + " set " + Value(value["value"] ?? JsonValue.Null, false);
                default:
                    return value.Kind == JsonKind.Null ? key : key + " " + value;
            }
        }

        public static string Expression(JsonValue expression)
        {
            if (expression.Kind != JsonKind.Object || expression.Count != 1)
            {
                return Value(expression, false);
            }

            var key = expression.Properties[0].Key;
            var body = expression.Properties[0].Value;
            switch (key)
            {
                case "payload":
                    if (body["protocol"]?.StringValue is string protocol)
                    {
                        return protocol + " " + body["field"]?.StringValue;
                    }

                    return $"@{body["base"]?.StringValue},{Number(body["offset"])},{Number(body["len"])}";
                case "meta":
                    var meta = body["key"]?.StringValue ?? "?";
                    return IsUnqualifiedMeta(meta) ? meta : "meta " + meta;
                case "ct":
                    return "ct " + (body["dir"]?.StringValue is string dir ? dir + " " : string.Empty) + (body["family"]?.StringValue is string family ? family + " " : string.Empty) + body["key"]?.StringValue;
                case "fib":
                    var flags = body["flags"] ?? JsonValue.Null;
                    return "fib " + (flags.StringValue ?? Join(flags, " . ")) + " " + body["result"]?.StringValue;
                case "&":
                case "|":
                case "^":
                case "<<":
                case ">>":
                    if (body.Kind == JsonKind.Array && body.Count == 2)
                    {
                        return Expression(body[0]) + " " + key + " " + Value(body[1], false);
                    }

                    break;
                case "concat":
                    return Join(body, " . ", Expression);
            }

            return key + " " + body;
        }

        public static string Value(JsonValue value, bool quote)
        {
            switch (value.Kind)
            {
                case JsonKind.String:
                    return quote ? Quote(value.StringValue!) : value.StringValue!;
                case JsonKind.Number:
                    return value.NumberText!;
                case JsonKind.True:
                    return "exists";
                case JsonKind.False:
                    return "missing";
                case JsonKind.Null:
                    return "null";
                case JsonKind.Array:
                    return Join(value, ",", v => Value(v, quote));
            }

            if (value["prefix"] is JsonValue prefix)
            {
                return prefix["addr"]?.StringValue + "/" + Number(prefix["len"]);
            }

            if (value["range"] is JsonValue range && range.Count == 2)
            {
                return Value(range[0], quote) + "-" + Value(range[1], quote);
            }

            if (value["set"] is JsonValue set)
            {
                return "{ " + (set.Kind == JsonKind.Array ? Join(set, ", ", e => Element(e, quote)) : Value(set, quote)) + " }";
            }

            if (value["elem"] is JsonValue elem)
            {
                return Value(elem["val"] ?? JsonValue.Null, quote);
            }

            if (value["concat"] is JsonValue concat)
            {
                return Join(concat, " . ", v => Value(v, quote));
            }

            return Verdict(value) ?? value.ToString();
        }

        /// <summary>A right side as a column value: 22, 22,2222, 1000-2000, 198.51.100.0/24, @set.</summary>
        public static string Compact(JsonValue value)
        {
            if (value["set"] is JsonValue set && set.Kind == JsonKind.Array)
            {
                return Join(set, ",", Compact);
            }

            return Value(value, false);
        }

        /// <summary>nft quotes the names of interfaces.</summary>
        public static bool QuotesValues(JsonValue left)
        {
            var key = left["meta"]?["key"]?.StringValue;
            return key == "iifname" || key == "oifname" || key == "iif" || key == "oif";
        }

        public static string Join(JsonValue array, string separator) => Join(array, separator, v => v.StringValue ?? v.ToString());

        private static string Join(JsonValue array, string separator, Func<JsonValue, string> render)
        {
            var builder = new StringBuilder();
            foreach (var item in array.Items)
            {
                if (builder.Length > 0)
                {
                    builder.Append(separator);
                }

                builder.Append(render(item));
            }

            return builder.ToString();
        }

        // A verdict map element is [key, verdict].
        private static string Element(JsonValue element, bool quote) =>
            element.Kind == JsonKind.Array && element.Count == 2 ? Value(element[0], quote) + " : " + Value(element[1], false) : Value(element, quote);

        private static string? Verdict(JsonValue value)
        {
            if (value.Kind != JsonKind.Object || value.Count != 1)
            {
                return null;
            }

            var key = value.Properties[0].Key;
            switch (key)
            {
                case "accept":
                case "drop":
                case "continue":
                case "return":
                    return key;
                case "jump":
                case "goto":
                    return key + " " + value.Properties[0].Value["target"]?.StringValue;
                default:
                    return null;
            }
        }

        private static string Limit(JsonValue limit)
        {
            var builder = new StringBuilder("limit rate ");
            if (limit["inv"]?.BooleanValue == true)
            {
                builder.Append("over ");
            }

            builder.Append(Number(limit["rate"]));
            if (limit["rate_unit"]?.StringValue is string unit && unit != "packets")
            {
                builder.Append(' ').Append(unit);
            }

            builder.Append('/').Append(limit["per"]?.StringValue);

            // nft leaves out the default burst of 5 packets.
            if (limit["burst"] is JsonValue burst && burst.TryGetInt64(out var packets) && packets != 5 && packets != 0)
            {
                builder.Append(" burst ").Append(burst.NumberText).Append(' ').Append(limit["burst_unit"]?.StringValue ?? "packets");
            }

            return builder.ToString();
        }

        private static string Number(JsonValue? value) => value?.NumberText ?? value?.StringValue ?? "0";

        private static bool IsUnqualifiedMeta(string key) =>
            key == "iif" || key == "oif" || key == "iifname" || key == "oifname" || key == "iifgroup" || key == "oifgroup";

        private static string Quote(string text) => "\"" + text + "\"";
    }
}
