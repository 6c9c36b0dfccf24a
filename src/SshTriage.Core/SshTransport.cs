namespace SshTriage
{
    /// <summary>How the module reaches a server.</summary>
    public enum SshTransport
    {
        /// <summary>OpenSSH where ssh is on PATH and no credential or pinned key is given; SSH.NET otherwise.</summary>
        Auto,

        /// <summary>The system's ssh client: the user's ssh config, agent, jump hosts and known_hosts.</summary>
        OpenSsh,

        /// <summary>SSH.NET inside the module: credentials, pinned host keys, no process per server.</summary>
        SshNet,
    }
}
