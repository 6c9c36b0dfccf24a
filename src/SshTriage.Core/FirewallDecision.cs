namespace SshTriage
{
    /// <summary>What the firewall does with a new connection.</summary>
    public enum FirewallDecision
    {
        /// <summary>Every base chain on the input path lets it through.</summary>
        Accept,

        /// <summary>A rule or a chain policy drops it.</summary>
        Drop,

        /// <summary>A rule rejects it.</summary>
        Reject,

        /// <summary>A rule on the path has a match that could not be evaluated; the verdict names it.</summary>
        Unknown,
    }
}
