namespace SshTriage.TcpWrappers
{
    /// <summary>What TCP wrappers do with a connection, as far as the evidence tells.</summary>
    public enum TcpWrappersDecision
    {
        /// <summary>sshd admits it: no rule denies it, or sshd is not linked with libwrap.</summary>
        Granted,

        /// <summary>A rule denies it.</summary>
        Denied,

        /// <summary>The deciding rule depends on what the evidence does not hold (host names, ident, an unreadable file).</summary>
        Undecided,
    }
}
