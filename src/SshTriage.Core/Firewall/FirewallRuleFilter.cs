using System;
using System.Collections.Generic;
using System.Linq;
using SshTriage.Net;
using SshTriage.Text;

namespace SshTriage.Firewall
{
    /// <summary>Which rules Get-FirewallRule keeps; every part is optional.</summary>
    public sealed class FirewallRuleFilter
    {
        /// <summary>Creates a filter.</summary>
        public FirewallRuleFilter(int? port, IPPrefix? sourceAddress, IEnumerable<FirewallAction>? actions, IEnumerable<string>? chains, IEnumerable<FirewallBackend>? backends)
        {
            Port = port;
            SourceAddress = sourceAddress;
            Actions = actions?.ToList() ?? new List<FirewallAction>();
            Chains = chains?.ToList() ?? new List<string>();
            Backends = backends?.ToList() ?? new List<FirewallBackend>();
        }

        /// <summary>Only rules that can apply to this destination port (those without a port match too).</summary>
        public int? Port { get; }

        /// <summary>Only rules whose source can hold this address (those without a source match too).</summary>
        public IPPrefix? SourceAddress { get; }

        /// <summary>Only these actions.</summary>
        public IReadOnlyList<FirewallAction> Actions { get; }

        /// <summary>Only these chains (wildcards allowed).</summary>
        public IReadOnlyList<string> Chains { get; }

        /// <summary>Only these backends.</summary>
        public IReadOnlyList<FirewallBackend> Backends { get; }

        /// <summary>True when <paramref name="rule"/> passes every part of the filter.</summary>
        public bool Keeps(FirewallRule rule) =>
            (Actions.Count == 0 || Actions.Contains(rule.Action))
            && (Backends.Count == 0 || Backends.Contains(rule.Backend))
            && (Chains.Count == 0 || Chains.Any(c => Fail2Ban.Wildcard.IsMatch(rule.Chain, c)))
            && (Port == null || PortApplies(rule.DestinationPort, Port.Value))
            && (SourceAddress == null || SourceApplies(rule.Source, SourceAddress.Value));

        // "22", "22,2222", "1000:2000", "1000-2000", "!22", or a service name (ufw "ssh"): a name is kept, since it may mean the port.
        private static bool PortApplies(string? spec, int port)
        {
            if (string.IsNullOrEmpty(spec))
            {
                return true;
            }

            var negated = spec!.StartsWith("!", StringComparison.Ordinal);
            var any = false;
            foreach (var part in spec.TrimStart('!').Split(',', ' ', '{', '}'))
            {
                var range = part.Trim().Split(':', '-');
                if (range.Length == 1 && AsciiNumber.TryParseInt32(range[0], out var single))
                {
                    any |= single == port;
                }
                else if (range.Length == 2 && AsciiNumber.TryParseInt32(range[0], out var low) && AsciiNumber.TryParseInt32(range[1], out var high))
                {
                    any |= port >= low && port <= high;
                }
                else if (part.Trim().Length > 0)
                {
                    return true;
                }
            }

            return any != negated;
        }

        private static bool SourceApplies(string? spec, IPPrefix source)
        {
            if (string.IsNullOrEmpty(spec) || spec!.StartsWith("@", StringComparison.Ordinal))
            {
                return true;
            }

            var negated = spec.StartsWith("!", StringComparison.Ordinal);
            var contains = spec.TrimStart('!').Split(',').Any(s => IPPrefix.TryParse(s, out var p) && (p.Contains(source) || source.Contains(p)));
            return contains != negated;
        }
    }
}
