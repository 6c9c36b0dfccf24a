using System.Collections.Generic;
using SshTriage.Evidence;
using SshTriage.Json;

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
            return Build(builder, JsonReader.ReadArrayItems(json, "nftables", builder.Declare, "elem", builder.Elements));
        }

        /// <summary>As <see cref="ParseRuleset(string, string)"/>, from the UTF-8 bytes the collector read, in place.</summary>
        internal static NftRuleset ParseRuleset(string computerName, byte[] json)
        {
            var builder = new NftRulesetBuilder(computerName);
            return Build(builder, JsonReader.ReadArrayItems(json, "nftables", builder.Declare, "elem", builder.Elements));
        }

        private static NftRuleset Build(NftRulesetBuilder builder, bool read) =>
            read ? builder.Build() : throw new EvidenceFormatException("The nft -j output has no \"nftables\" array.");
    }
}
