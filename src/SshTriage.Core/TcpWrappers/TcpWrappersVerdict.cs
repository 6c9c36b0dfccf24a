namespace SshTriage.TcpWrappers
{
    /// <summary>TCP wrappers' answer for one client: the decision, the rule that made it and why.</summary>
    public sealed class TcpWrappersVerdict
    {
        /// <summary>Creates a verdict.</summary>
        public TcpWrappersVerdict(TcpWrappersDecision decision, HostsAccessEntry? rule, string reason)
        {
            Decision = decision;
            Rule = rule;
            Reason = reason;
        }

        /// <summary>Granted, Denied or Undecided.</summary>
        public TcpWrappersDecision Decision { get; }

        /// <summary>The rule that decided, or that leaves it open; null when none matched.</summary>
        public HostsAccessEntry? Rule { get; }

        /// <summary>Why, in a sentence.</summary>
        public string Reason { get; }
    }
}
