namespace SshTriage.Diagnosis
{
    /// <summary>A firewall rule whose packet counter rose while the probes ran.</summary>
    public sealed class CounterMove
    {
        internal CounterMove(FirewallRule rule, long before)
        {
            Rule = rule;
            Before = before;
        }

        /// <summary>The rule, as read after the probes.</summary>
        public FirewallRule Rule { get; }

        /// <summary>Its packet count before the probes.</summary>
        public long Before { get; }

        /// <summary>How many packets it counted during the probes.</summary>
        public long Packets => (Rule.Packets ?? Before) - Before;
    }
}
