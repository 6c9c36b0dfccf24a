namespace SshTriage
{
    /// <summary>What an sshd log line says happened.</summary>
    public enum SshLogEventKind
    {
        /// <summary>A TCP connection arrived (LogLevel VERBOSE).</summary>
        ConnectionFrom,

        /// <summary>A user authenticated.</summary>
        Accepted,

        /// <summary>An authentication attempt failed.</summary>
        Failed,

        /// <summary>A login named a user that does not exist.</summary>
        InvalidUser,

        /// <summary>AllowUsers, DenyUsers, AllowGroups or DenyGroups refused the user.</summary>
        NotAllowed,

        /// <summary>TCP wrappers (hosts.deny) refused the connection.</summary>
        RefusedConnect,

        /// <summary>sshd dropped the connection past MaxStartups.</summary>
        MaxStartupsDrop,

        /// <summary>OpenSSH 9.9+'s RefuseConnection turned the connection away ("administratively prohibited connection for ...").</summary>
        RefusedByConfig,

        /// <summary>sshd dropped the connection because of a per-source penalty (OpenSSH 9.8+).</summary>
        PenaltyDrop,

        /// <summary>The client ran out of authentication attempts (MaxAuthTries).</summary>
        TooManyAuthFailures,

        /// <summary>The session ended with a disconnect message.</summary>
        Disconnected,

        /// <summary>The client closed the connection.</summary>
        ConnectionClosed,

        /// <summary>Anything else sshd logged.</summary>
        Other,

        /// <summary>"Unable to negotiate with ...: no matching host key type found. Their offer: ...": no algorithm in common.</summary>
        NegotiationFailed,

        /// <summary>"ROOT LOGIN REFUSED FROM ...": PermitRootLogin refused root.</summary>
        RootLoginRefused,

        /// <summary>"Authentication refused: bad ownership or modes for directory ...": StrictModes ignored an authorized_keys file.</summary>
        BadModes,

        /// <summary>"Account alice has expired".</summary>
        AccountExpired,

        /// <summary>"userauth_pubkey: key type ssh-rsa not in PubkeyAcceptedAlgorithms": the key's algorithm is not accepted.</summary>
        KeyTypeRejected,

        /// <summary>"Timeout before authentication for ..." (OpenSSH 9.8+: "... for connection from ADDRESS to ADDRESS, pid = N", from the listener): LoginGraceTime ran out.</summary>
        LoginGraceTimeout,

        /// <summary>"Did not receive identification string from ...": the peer sent no SSH identification line.</summary>
        NoIdentification,

        /// <summary>"banner exchange: Connection from ...: invalid format": the peer's identification line was not SSH's.</summary>
        BannerExchangeFailed,
    }
}
