using System;
using System.Collections.Generic;
using SshTriage.Json;

namespace SshTriage.Firewall
{
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
}
