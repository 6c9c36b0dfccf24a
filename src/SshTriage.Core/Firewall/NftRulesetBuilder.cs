using System.Collections.Generic;
using SshTriage.Evidence;
using SshTriage.Json;

namespace SshTriage.Firewall
{
    /// <summary>
    /// Reads nft's objects as they stream past. nft lists a table's sets, counters and chains
    /// before its rules, so a rule is compiled at once; one that names something not yet seen is
    /// compiled again at the end.
    /// </summary>
    internal sealed class NftRulesetBuilder
    {
        private static readonly string[] NoFlags = System.Array.Empty<string>();

        private readonly string computerName;
        // Each table, in order, and whether iptables-nft made it: known only once all its rules are seen.
        private readonly List<(string Family, string Name)> tables = new List<(string, string)>();
        private readonly Dictionary<(string, string), bool> iptablesNftTables = new Dictionary<(string, string), bool>();
        private readonly List<NftChain> chains = new List<NftChain>();
        private readonly Dictionary<(string, string, string), NftChain> chainsByName = new Dictionary<(string, string, string), NftChain>();
        private readonly List<NftSet> sets = new List<NftSet>();
        private readonly Dictionary<(string, string, string), NftSet> setsByName = new Dictionary<(string, string, string), NftSet>();
        private readonly List<NftCounter> counters = new List<NftCounter>();
        private readonly Dictionary<(string, string, string), NftCounter> countersByName = new Dictionary<(string, string, string), NftCounter>();
        private readonly List<NftRuleDraft> drafts = new List<NftRuleDraft>();
        private readonly Dictionary<NftChain, int> chainLengths = new Dictionary<NftChain, int>();
        private readonly List<(int Rule, JsonValue Body)> deferred = new List<(int, JsonValue)>();
        private readonly NftRulesetTraits traits = new NftRulesetTraits();
        private string? version;

        // The set whose elements are being streamed: nft lists them last, after the type, and
        // a set of 100,000 elements read whole would be 100,000 JSON values held at once.
        private (NftValues? Values, NftVerdictMap? Verdicts, int Count)? streaming;

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
                    var table = (Text(body, "family"), Text(body, "name"));
                    tables.Add(table);
                    iptablesNftTables[table] = false;
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
            foreach (var (rule, body) in deferred)
            {
                drafts[rule] = new NftRuleCompiler(this, drafts[rule].Chain, drafts[rule].Index, body).Compile();
            }

            // The rules' views are made now: an unclaimed rule of a table iptables-nft made is owned by it.
            var views = new List<FirewallRule>(drafts.Count);
            foreach (var draft in drafts)
            {
                var rule = draft.Finish(computerName, iptablesNftTables.TryGetValue((draft.Chain.Family, draft.Chain.Table), out var iptablesNft) && iptablesNft);
                draft.Chain.Add(rule);
                views.Add(rule.Rule);
            }

            var finished = new List<NftTable>(tables.Count);
            foreach (var (family, name) in tables)
            {
                finished.Add(new NftTable(family, name) { ManagedByIptablesNft = iptablesNftTables[(family, name)] });
            }

            return new NftRuleset(version, finished, chains, chainsByName, sets, setsByName, counters, views, traits);
        }

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

        private void AddRule(JsonValue body)
        {
            var family = Text(body, "family");
            var tableName = Text(body, "table");
            var chainName = Text(body, "chain");
            if (!chainsByName.TryGetValue((family, tableName, chainName), out var chain))
            {
                throw new EvidenceFormatException($"nft lists a rule of chain {family} {tableName} {chainName} before declaring the chain.");
            }

            var index = chainLengths.TryGetValue(chain, out var length) ? length + 1 : 1;
            chainLengths[chain] = index;
            var compiler = new NftRuleCompiler(this, chain, index, body);
            var compiled = compiler.Compile();
            if (compiler.MissedReference)
            {
                deferred.Add((drafts.Count, body));
            }

            drafts.Add(compiled);
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

        /// <summary>
        /// The handler for the elements of a set or map that is being read (<paramref name="before"/>
        /// holds its members before them), so that they are indexed one at a time; null when its
        /// type (and a map's value type) is not known yet: then they are read with the set.
        /// </summary>
        public System.Action<JsonValue>? Elements(string kind, JsonValue before)
        {
            var isMap = kind == "map";
            if ((kind != "set" && !isMap) || before["type"] == null || (isMap && before["map"] == null))
            {
                return null;
            }

            var (type, mapType) = Types(before, isMap);
            var (values, verdicts) = Indexes(type, mapType);
            streaming = (values, verdicts, 0);
            return element =>
            {
                Add(values, verdicts, isMap, element);
                streaming = (values, verdicts, streaming.Value.Count + 1);
            };
        }

        private static (string Type, string? MapType) Types(JsonValue body, bool isMap)
        {
            var typeValue = body["type"];
            var type = typeValue?.StringValue ?? (typeValue != null && typeValue.Kind == JsonKind.Array ? NftText.Join(typeValue, " . ") : "");
            var mapType = isMap ? body["map"]?.StringValue ?? NftText.Value(body["map"] ?? JsonValue.Null, false) : null;
            return (type, mapType);
        }

        private static (NftValues? Values, NftVerdictMap? Verdicts) Indexes(string type, string? mapType)
        {
            var kind = KindOfType(type);
            return (kind is NftValueKind k ? new NftValues(k) : null, kind is NftValueKind v && mapType == "verdict" ? new NftVerdictMap(v) : null);
        }

        private static void Add(NftValues? values, NftVerdictMap? verdicts, bool isMap, JsonValue element)
        {
            // A map element is [key, value].
            var key = isMap && element.Kind == JsonKind.Array && element.Count == 2 ? element[0] : element;
            values?.Add(key);
            if (verdicts != null && key != element)
            {
                verdicts.Add(key, element[1]);
            }
        }

        private void DeclareSet(JsonValue body, bool isMap)
        {
            var (type, mapType) = Types(body, isMap);
            var flags = body["flags"] is JsonValue flagValue
                ? (flagValue.StringValue is string single ? new[] { single } : ToStrings(flagValue))
                : NoFlags;
            NftValues? values;
            NftVerdictMap? verdicts;
            int count;
            if (streaming is { } streamed)
            {
                (values, verdicts, count) = streamed;
                streaming = null;
            }
            else
            {
                (values, verdicts) = Indexes(type, mapType);
                var elements = body["elem"]?.Items ?? (IReadOnlyList<JsonValue>)System.Array.Empty<JsonValue>();
                foreach (var element in elements)
                {
                    Add(values, verdicts, isMap, element);
                }

                count = elements.Count;
            }

            values?.Seal(indexAddresses: true);
            verdicts?.Seal();
            var table = Text(body, "table");
            var name = Text(body, "name");
            var set = new NftSet(Text(body, "family"), table, name, type, flags, mapType, body["comment"]?.StringValue, values, verdicts, count)
            {
                Owner = NftOwners.OfSet(table, name),
            };
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
                        if (body["family"]?.StringValue is string family && body["table"]?.StringValue is string table && iptablesNftTables.ContainsKey((family, table)))
                        {
                            iptablesNftTables[(family, table)] = true;
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
}
