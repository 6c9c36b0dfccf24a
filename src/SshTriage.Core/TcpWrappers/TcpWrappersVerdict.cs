namespace SshTriage.TcpWrappers
{
    /// <summary>TCP wrappers' answer for one client: the decision, the rule that made it and why.</summary>
    /// <param name="Decision">Granted, Denied or Undecided.</param>
    /// <param name="Rule">The rule that decided, or that leaves it open; null when none matched.</param>
    /// <param name="Reason">Why, in a sentence.</param>
    public sealed record TcpWrappersVerdict(TcpWrappersDecision Decision, HostsAccessEntry? Rule, string Reason);
}
