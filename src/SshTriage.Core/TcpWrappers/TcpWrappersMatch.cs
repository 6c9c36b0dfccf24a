namespace SshTriage.TcpWrappers
{
    /// <summary>
    /// Whether a pattern matches the connection. Patterns that need what the evidence cannot tell
    /// (the client's host name, its ident user, a netgroup or a pattern file) are Unknown.
    /// </summary>
    public enum TcpWrappersMatch
    {
        /// <summary>It does not match.</summary>
        No,

        /// <summary>It matches.</summary>
        Yes,

        /// <summary>It depends on something the evidence does not hold.</summary>
        Unknown,
    }
}
