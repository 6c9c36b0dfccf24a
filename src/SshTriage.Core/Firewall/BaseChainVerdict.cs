using System.Collections.Generic;

namespace SshTriage.Firewall
{
    /// <summary>What one base chain on the input hook does with the packet.</summary>
    /// <param name="Backend">The firewall the chain belongs to.</param>
    /// <param name="Priority">The hook priority: lower runs first (iptables' filter table is 0).</param>
    /// <param name="Decision">Accept (the packet goes on to the next base chain), Drop, Reject or Unknown.</param>
    /// <param name="RejectWith">For Reject: what answers the client.</param>
    /// <param name="Rule">The rule that decided or could not be evaluated; null when the chain policy decided.</param>
    /// <param name="Path">The chains walked, e.g. "filter/INPUT", "filter/f2b-sshd".</param>
    public sealed record BaseChainVerdict(FirewallBackend Backend, int Priority, FirewallDecision Decision, string? RejectWith, FirewallRule? Rule, IReadOnlyList<string> Path);

    /// <summary>Walks one firewall's base chains on the input hook for a packet.</summary>
    public interface IInputPathWalker
    {
        /// <summary>One verdict per base chain the packet traverses (only chains of the packet's family).</summary>
        IEnumerable<BaseChainVerdict> Walk(PacketQuery packet);
    }
}
