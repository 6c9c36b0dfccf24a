using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace SshTriage.Firewall
{
    /// <summary>A three-valued truth: a match the walker cannot evaluate is Unknown, never a guess.</summary>
    internal enum Tri
    {
        False,
        True,
        Unknown,
    }

    /// <summary>
    /// Walks nftables' filter base chains on the input hook for the first packet of a new
    /// connection, as the kernel would: every base chain of the packet's family (ip or ip6, and
    /// inet) in priority order, each with its own verdict, since an accept ends only its own chain.
    /// A match it cannot evaluate only makes the verdict Unknown when the outcome depends on it:
    /// both outcomes are walked, and when they agree the verdict stands. Tables made by
    /// iptables-nft are skipped (their xt matches are opaque here; iptables-save has them).
    /// </summary>
    public sealed class NftInputWalker : IInputPathWalker
    {
        // The kernel's NFT_JUMP_STACK_SIZE.
        private const int JumpStackLimit = 16;

        // Each fork doubles the work; past this many, the verdict is Unknown rather than slow.
        private const int ForkLimit = 256;

        private static readonly NftEffect[] ContinueOnly = { NftEffect.Continue };
        private static readonly string[] TcpFlagNames = { "fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr" };

        private readonly NftRuleset ruleset;
        private readonly List<NftChain> ipv4Chains;
        private readonly List<NftChain> ipv6Chains;
        private readonly long stepLimit;

        /// <summary>Prepares a walker over <paramref name="ruleset"/>, which it reads and never changes.</summary>
        public NftInputWalker(NftRuleset ruleset)
        {
            this.ruleset = ruleset ?? throw new ArgumentNullException(nameof(ruleset));
            var managed = new HashSet<(string, string)>(ruleset.Tables.Where(t => t.ManagedByIptablesNft).Select(t => (t.Family, t.Name)));

            // OrderBy is stable: chains of equal priority keep nft's listing order.
            var input = ruleset.Chains
                .Where(c => c.Hook == "input" && c.Type == "filter" && !managed.Contains((c.Family, c.Table)))
                .OrderBy(c => c.Priority ?? 0)
                .ToList();
            ipv4Chains = input.Where(c => c.Family == "ip" || c.Family == "inet").ToList();
            ipv6Chains = input.Where(c => c.Family == "ip6" || c.Family == "inet").ToList();

            // Chains form no loops in a loaded rule set; the bound only protects against forged input.
            stepLimit = 1000000 + (64L * ruleset.Rules.Count);
        }

        /// <inheritdoc />
        public IEnumerable<BaseChainVerdict> Walk(PacketQuery packet)
        {
            if (packet == null)
            {
                throw new ArgumentNullException(nameof(packet));
            }

            var query = new NftPacket(packet, ruleset.Traits);
            var verdicts = new List<BaseChainVerdict>();
            foreach (var chain in query.IsIPv6 ? ipv6Chains : ipv4Chains)
            {
                var state = new WalkState(query, chain);
                var outcome = Run(state, null, chain, 0, new PathNode(Describe(chain), null));
                verdicts.Add(new BaseChainVerdict(FirewallBackend.Nftables, chain.Priority ?? 0, outcome.Decision, outcome.RejectWith, outcome.Rule?.Rule, outcome.Path.ToList()));
            }

            return verdicts;
        }

        private static Tri Evaluate(NftMatch match, NftPacket packet)
        {
            var left = match.Left;
            if (!DependenciesHold(left, packet))
            {
                return Tri.False;
            }

            switch (left.Field)
            {
                case NftField.CtState:
                    return CtState(match, packet);
                case NftField.CtStatus:
                    return CtStatus(match, packet);
                case NftField.TcpFlags:
                    return TcpFlags(match);
                case NftField.DestinationPort:
                    if (match.Number is long number && IsComparison(match.Op))
                    {
                        return Compare(packet.Port, match.Op, number);
                    }

                    break;
            }

            if (match.Right == null)
            {
                return Tri.Unknown;
            }

            var member = Member(left, match.Right, packet);
            switch (match.Op)
            {
                case "==":
                case "in":
                    return member;
                case "!=":
                    return Not(member);
                default:
                    return Tri.Unknown;
            }
        }

        private static string Describe(NftChain chain) => chain.Family + "/" + chain.Table + "/" + chain.Name;

        // nft leaves protocol dependencies out of its listing: ip saddr holds only for IPv4, tcp dport only for TCP.
        private static bool DependenciesHold(NftSelector selector, NftPacket packet) =>
            (selector.IpVersion == 0 || selector.IpVersion == packet.IpVersion) && (selector.Transport == null || selector.Transport == packet.Protocol);

        private static Tri Member(NftSelector selector, NftValues values, NftPacket packet)
        {
            switch (selector.Field)
            {
                case NftField.SourceAddress:
                    return values.ContainsAddress(packet.Source);
                case NftField.DestinationPort:
                    return values.ContainsNumber(packet.Port);
                case NftField.Protocol:
                    return values.ContainsName(packet.Protocol);
                case NftField.Family:
                    return values.ContainsName(packet.IsIPv6 ? "ipv6" : "ipv4");
                case NftField.InInterface:
                    // Unknown interface: a remote client's packet never arrives on lo, but any other name may be its way in.
                    if (packet.Interface != null)
                    {
                        return values.ContainsInterface(packet.Interface);
                    }

                    return values.OnlyLoopback ? Tri.False : Tri.Unknown;
                case NftField.PacketType:
                    return Or(values.ContainsName("host"), values.ContainsName("unicast"));
                case NftField.FibDestinationType:
                    return values.ContainsName("local");
                case NftField.CtState:
                    return packet.MayBeUntracked ? Tri.Unknown : values.ContainsName("new");
                case NftField.CtStatus:
                    return AnyStatus(values, packet);
                default:
                    // Destination addresses (the client may use any of the server's), source ports, marks, ...
                    return Tri.Unknown;
            }
        }

        // The first packet of a new connection is in state new, unless some rule may have switched tracking off.
        private static Tri CtState(NftMatch match, NftPacket packet)
        {
            if (match.Right == null || packet.MayBeUntracked)
            {
                return Tri.Unknown;
            }

            var isNew = match.Right.ContainsName("new");
            switch (match.Op)
            {
                case "in":
                    return isNew;
                case "==":
                    if (!match.Right.IsFlagList)
                    {
                        return isNew;
                    }

                    // == with flags listed compares the whole state, which is exactly "new".
                    return match.Right.Partial ? Tri.Unknown : isNew == Tri.True && match.Right.Count == 1 ? Tri.True : Tri.False;
                case "!=":
                    return Not(isNew);
                default:
                    return Tri.Unknown;
            }
        }

        private static Tri CtStatus(NftMatch match, NftPacket packet)
        {
            if (match.Right == null)
            {
                return Tri.Unknown;
            }

            switch (match.Op)
            {
                case "in":
                    return AnyStatus(match.Right, packet);
                case "!=":
                    return Not(AnyStatus(match.Right, packet));
                default:
                    return Tri.Unknown;
            }
        }

        // A new, unconfirmed connection carries no status bit, except the NAT bits if this rule set
        // rewrites addresses somewhere (then it depends on the connection).
        private static Tri AnyStatus(NftValues values, NftPacket packet)
        {
            var result = values.Partial ? Tri.Unknown : Tri.False;
            foreach (var name in values.Names)
            {
                switch (name)
                {
                    case "dnat":
                        result = Or(result, packet.MayBeDnat ? Tri.Unknown : Tri.False);
                        break;
                    case "snat":
                        result = Or(result, packet.MayBeSnat ? Tri.Unknown : Tri.False);
                        break;
                    case "expected":
                    case "seen-reply":
                    case "assured":
                    case "confirmed":
                    case "dying":
                        break;
                    default:
                        result = Or(result, Tri.Unknown);
                        break;
                }
            }

            return result;
        }

        // A connection's first TCP segment carries SYN alone; ECE and CWR depend on the client's ECN setting.
        private static Tri TcpFlag(string name)
        {
            switch (name)
            {
                case "syn":
                    return Tri.True;
                case "fin":
                case "rst":
                case "psh":
                case "ack":
                case "urg":
                    return Tri.False;
                default:
                    return Tri.Unknown;
            }
        }

        private static Tri TcpFlags(NftMatch match)
        {
            var mask = match.Left.Mask;
            if (match.Right == null || (mask != null && (mask.Partial || mask.Names.Any(n => Array.IndexOf(TcpFlagNames, n) < 0))))
            {
                return Tri.Unknown;
            }

            bool Kept(string flag) => mask == null || mask.ContainsName(flag) == Tri.True;

            var any = match.Right.Partial ? Tri.Unknown : Tri.False;
            foreach (var flag in match.Right.Names)
            {
                if (Kept(flag))
                {
                    any = Or(any, TcpFlag(flag));
                }
            }

            var exact = match.Right.Partial || match.Right.Names.Any(n => Array.IndexOf(TcpFlagNames, n) < 0) ? Tri.Unknown : Tri.True;
            foreach (var flag in TcpFlagNames)
            {
                if (Kept(flag))
                {
                    var actual = TcpFlag(flag);
                    var wanted = match.Right.ContainsName(flag) == Tri.True;
                    exact = And(exact, actual == Tri.Unknown ? Tri.Unknown : (actual == Tri.True) == wanted ? Tri.True : Tri.False);
                }
            }

            switch (match.Op)
            {
                case "in":
                    return any;
                case "==":
                    return exact;
                case "!=":
                    // With a mask, != compares the masked value; without one, it says no listed flag is set.
                    return Not(mask != null ? exact : any);
                default:
                    return Tri.Unknown;
            }
        }

        private static bool IsComparison(string op) => op == "<" || op == ">" || op == "<=" || op == ">=";

        private static Tri Compare(long value, string op, long number)
        {
            bool result;
            switch (op)
            {
                case "<":
                    result = value < number;
                    break;
                case ">":
                    result = value > number;
                    break;
                case "<=":
                    result = value <= number;
                    break;
                default:
                    result = value >= number;
                    break;
            }

            return result ? Tri.True : Tri.False;
        }

        private static Tri Not(Tri value) => value == Tri.Unknown ? Tri.Unknown : value == Tri.True ? Tri.False : Tri.True;

        private static Tri Or(Tri a, Tri b) => a == Tri.True || b == Tri.True ? Tri.True : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.False;

        private static Tri And(Tri a, Tri b) => a == Tri.False || b == Tri.False ? Tri.False : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.True;

        // What the rule may do: one effect when its matches are certain, several when not (Continue first).
        private static IReadOnlyList<NftEffect> Possible(NftRule rule, NftPacket packet)
        {
            var all = Tri.True;
            foreach (var match in rule.Matches)
            {
                var value = Evaluate(match, packet);
                if (value == Tri.False)
                {
                    return ContinueOnly;
                }

                if (value == Tri.Unknown)
                {
                    all = Tri.Unknown;
                }
            }

            var effect = rule.Effect;
            if (effect.Kind == NftEffectKind.Map && effect.Map != null && effect.MapKey != null)
            {
                var mapped = Lookup(effect.MapKey, effect.Map, packet);
                return all == Tri.True || ReferenceEquals(mapped[0], NftEffect.Continue) ? mapped : new[] { NftEffect.Continue }.Concat(mapped).ToList();
            }

            return all == Tri.True ? new[] { effect } : new[] { NftEffect.Continue, effect };
        }

        // A key maps to one verdict, so a certain hit decides; uncertain hits and a miss are the possibilities otherwise.
        private static IReadOnlyList<NftEffect> Lookup(NftSelector key, NftVerdictMap map, NftPacket packet)
        {
            if (!DependenciesHold(key, packet))
            {
                return ContinueOnly;
            }

            var possible = new List<NftEffect> { NftEffect.Continue };
            foreach (var (keys, verdict) in map.Groups)
            {
                var hit = Member(key, keys, packet);
                if (hit == Tri.True)
                {
                    return new[] { verdict };
                }

                if (hit == Tri.Unknown)
                {
                    possible.Add(verdict);
                }
            }

            return possible;
        }

        private Outcome Run(WalkState state, Frame? stack, NftChain chain, int index, PathNode path)
        {
            while (true)
            {
                if (index >= chain.Compiled.Count)
                {
                    // The end of a regular chain returns to the caller; the end of the walk applies the base chain's policy.
                    if (stack == null)
                    {
                        return Policy(state.BaseChain, path);
                    }

                    chain = stack.Chain;
                    index = stack.Next;
                    stack = stack.Parent;
                    continue;
                }

                var rule = chain.Compiled[index];
                if (++state.Steps > stepLimit)
                {
                    return new Outcome(FirewallDecision.Unknown, null, rule, path);
                }

                var effects = Possible(rule, state.Packet);
                if (effects.Count == 1)
                {
                    var decided = Apply(effects[0], rule, state, ref stack, ref chain, ref index, ref path);
                    if (decided != null)
                    {
                        return decided;
                    }

                    continue;
                }

                return Fork(effects, rule, state, stack, chain, index, path);
            }
        }

        // Walks every possible effect of an uncertain rule; the rule decides nothing unless they disagree.
        private Outcome Fork(IReadOnlyList<NftEffect> effects, NftRule rule, WalkState state, Frame? stack, NftChain chain, int index, PathNode path)
        {
            if (++state.Forks > ForkLimit)
            {
                return new Outcome(FirewallDecision.Unknown, null, rule, path);
            }

            Outcome? agreed = null;
            foreach (var effect in effects)
            {
                var branchStack = stack;
                var branchChain = chain;
                var branchIndex = index;
                var branchPath = path;
                var outcome = Apply(effect, rule, state, ref branchStack, ref branchChain, ref branchIndex, ref branchPath)
                    ?? Run(state, branchStack, branchChain, branchIndex, branchPath);
                if (agreed == null)
                {
                    agreed = outcome;
                }
                else if (agreed.Decision != outcome.Decision || !string.Equals(agreed.RejectWith, outcome.RejectWith, StringComparison.Ordinal))
                {
                    return new Outcome(FirewallDecision.Unknown, null, rule, path);
                }
            }

            return agreed!;
        }

        /// <summary>Applies one effect: returns the outcome when it ends the walk, or null after moving to the next rule.</summary>
        private Outcome? Apply(NftEffect effect, NftRule rule, WalkState state, ref Frame? stack, ref NftChain chain, ref int index, ref PathNode path)
        {
            switch (effect.Kind)
            {
                case NftEffectKind.Continue:
                    index++;
                    return null;
                case NftEffectKind.Accept:
                    return new Outcome(FirewallDecision.Accept, null, rule, path);
                case NftEffectKind.Drop:
                    return new Outcome(FirewallDecision.Drop, null, rule, path);
                case NftEffectKind.Reject:
                    return new Outcome(FirewallDecision.Reject, effect.Argument, rule, path);
                case NftEffectKind.Return:
                    if (stack == null)
                    {
                        return Policy(state.BaseChain, path);
                    }

                    chain = stack.Chain;
                    index = stack.Next;
                    stack = stack.Parent;
                    return null;
                case NftEffectKind.Jump:
                case NftEffectKind.Goto:
                    var target = ruleset.FindChain(chain.Family, chain.Table, effect.Argument ?? string.Empty);
                    var depth = stack?.Depth ?? 0;
                    if (target == null || (effect.Kind == NftEffectKind.Jump && depth >= JumpStackLimit))
                    {
                        return new Outcome(FirewallDecision.Unknown, null, rule, path);
                    }

                    if (effect.Kind == NftEffectKind.Jump)
                    {
                        stack = new Frame(chain, index + 1, stack, depth + 1);
                    }

                    chain = target;
                    index = 0;
                    path = new PathNode(Describe(target), path);
                    return null;
                default:
                    // A statement or verdict map this reader does not understand.
                    return new Outcome(FirewallDecision.Unknown, null, rule, path);
            }
        }

        private static Outcome Policy(NftChain baseChain, PathNode path)
        {
            switch (baseChain.Policy)
            {
                case null:
                case "accept":
                    return new Outcome(FirewallDecision.Accept, null, null, path);
                case "drop":
                    return new Outcome(FirewallDecision.Drop, null, null, path);
                default:
                    return new Outcome(FirewallDecision.Unknown, null, null, path);
            }
        }

        private sealed class WalkState
        {
            public WalkState(NftPacket packet, NftChain baseChain)
            {
                Packet = packet;
                BaseChain = baseChain;
            }

            public NftPacket Packet { get; }

            public NftChain BaseChain { get; }

            public long Steps { get; set; }

            public int Forks { get; set; }
        }

        /// <summary>A return address on the jump stack; immutable, so forks share it.</summary>
        private sealed record Frame(NftChain Chain, int Next, Frame? Parent, int Depth);

        /// <summary>The chains entered so far, newest first; immutable, so forks share it.</summary>
        private sealed record PathNode(string Chain, PathNode? Parent)
        {
            public List<string> ToList()
            {
                var chains = new List<string>();
                for (var node = this; node != null; node = node.Parent)
                {
                    chains.Add(node.Chain);
                }

                chains.Reverse();
                return chains;
            }
        }

        private sealed record Outcome(FirewallDecision Decision, string? RejectWith, NftRule? Rule, PathNode Path);
    }

    /// <summary>The packet as the walker reads it, with the rule-set facts that bear on its conntrack state.</summary>
    internal sealed class NftPacket
    {
        public NftPacket(PacketQuery query, NftRulesetTraits traits)
        {
            IsIPv6 = query.IsIPv6;
            Source = query.Source.IsIPv4MappedToIPv6 ? query.Source.MapToIPv4() : query.Source;
            Port = query.Port;
            Protocol = query.Protocol.ToLowerInvariant();
            Interface = query.InterfaceName;
            MayBeDnat = traits.Dnat;
            MayBeSnat = traits.Snat;
            MayBeUntracked = traits.Notrack;
        }

        public bool IsIPv6 { get; }

        public int IpVersion => IsIPv6 ? 6 : 4;

        public IPAddress Source { get; }

        public int Port { get; }

        public string Protocol { get; }

        public string? Interface { get; }

        public bool MayBeDnat { get; }

        public bool MayBeSnat { get; }

        public bool MayBeUntracked { get; }
    }
}
