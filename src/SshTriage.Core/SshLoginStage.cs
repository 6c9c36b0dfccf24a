namespace SshTriage
{
    /// <summary>The stages one SSH login goes through, in order.</summary>
    public enum SshLoginStage
    {
        /// <summary>The TCP connection to the server's port.</summary>
        Connect,

        /// <summary>The server's identification line (SSH-2.0-...).</summary>
        Banner,

        /// <summary>The algorithm negotiation and the key exchange, up to the server's signed host key.</summary>
        KeyExchange,

        /// <summary>The host key checked against known_hosts or a pinned fingerprint.</summary>
        HostKey,

        /// <summary>The login: the methods the server allows, and the key or password offered.</summary>
        Authentication,

        /// <summary>The authenticated connection, closed at once without a channel or a command.</summary>
        Session,
    }
}
