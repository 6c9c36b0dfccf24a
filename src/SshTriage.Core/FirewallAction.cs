namespace SshTriage
{
    /// <summary>What a firewall rule does with a packet it matches.</summary>
    public enum FirewallAction
    {
        /// <summary>Lets the packet through this chain (a later base chain may still drop it).</summary>
        Accept,

        /// <summary>Discards it silently: the client times out.</summary>
        Drop,

        /// <summary>Answers with a reset or an ICMP error: the client is refused or told "no route".</summary>
        Reject,

        /// <summary>Continues in another chain and comes back.</summary>
        Jump,

        /// <summary>Continues in another chain and does not come back.</summary>
        Goto,

        /// <summary>Goes back to the calling chain.</summary>
        Return,

        /// <summary>Logs and goes on.</summary>
        Log,

        /// <summary>Rate-limits (ufw limit and similar).</summary>
        Limit,

        /// <summary>Anything else (counters, marks, NAT...).</summary>
        Other,
    }
}
