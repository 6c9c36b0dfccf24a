using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>What one base chain on the input hook does with the packet.</summary>
    public sealed class BaseChainVerdict
    {
        /// <summary>Creates a verdict.</summary>
        public BaseChainVerdict(FirewallBackend backend, int priority, FirewallDecision decision, string? rejectWith, FirewallRule? rule, IReadOnlyList<string> path)
        {
            Backend = backend;
            Priority = priority;
            Decision = decision;
            RejectWith = rejectWith;
            Rule = rule;
            Path = path;
        }

        /// <summary>The firewall the chain belongs to.</summary>
        public FirewallBackend Backend { get; }

        /// <summary>The hook priority: lower runs first (iptables' filter table is 0).</summary>
        public int Priority { get; }

        /// <summary>Accept (the packet goes on to the next base chain), Drop, Reject or Unknown.</summary>
        public FirewallDecision Decision { get; }

        /// <summary>For Reject: what answers the client.</summary>
        public string? RejectWith { get; }

        /// <summary>The rule that decided or could not be evaluated; null when the chain policy decided.</summary>
        public FirewallRule? Rule { get; }

        /// <summary>The chains walked, e.g. "filter/INPUT", "filter/f2b-sshd".</summary>
        public IReadOnlyList<string> Path { get; }
    }

    /// <summary>Walks one firewall's base chains on the input hook for a packet.</summary>
    public interface IInputPathWalker
    {
        /// <summary>One verdict per base chain the packet traverses (only chains of the packet's family).</summary>
        IEnumerable<BaseChainVerdict> Walk(PacketQuery packet);
    }
}
