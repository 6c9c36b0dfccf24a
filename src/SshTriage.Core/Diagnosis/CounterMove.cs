namespace SshTriage.Diagnosis
{
    /// <summary>A firewall rule whose packet counter rose while the probes ran.</summary>
    /// <param name="Rule">The rule, as read after the probes.</param>
    /// <param name="Before">Its packet count before the probes.</param>
    public sealed record CounterMove(FirewallRule Rule, long Before)
    {
        /// <summary>How many packets it counted during the probes.</summary>
        public long Packets => (Rule.Packets ?? Before) - Before;
    }
}
