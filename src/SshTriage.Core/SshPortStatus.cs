namespace SshTriage
{
    /// <summary>What a client saw when it tried to open an SSH connection to one address.</summary>
    public enum SshPortStatus
    {
        /// <summary>The TCP connection was accepted and the peer sent an SSH identification line.</summary>
        Open,

        /// <summary>The connection was actively refused: a TCP reset or an ICMP port-unreachable (no listener, or a REJECT rule).</summary>
        Refused,

        /// <summary>No answer in time: the connect got no reply (a DROP rule), or the peer accepted but sent nothing (ConnectTime is then set).</summary>
        TimedOut,

        /// <summary>An ICMP host-unreachable or administratively-prohibited answer (a REJECT with icmp-admin-prohibited or host-prohibited).</summary>
        HostUnreachable,

        /// <summary>This machine has no usable route to the address (or its own egress filter refused the packet).</summary>
        NetworkUnreachable,

        /// <summary>The name did not resolve to any address.</summary>
        NameNotResolved,

        /// <summary>The peer accepted the connection and closed it before sending an SSH identification line (TCP wrappers, MaxStartups, penalties).</summary>
        ClosedBeforeBanner,

        /// <summary>Something that is not an SSH server answered on the port.</summary>
        NotSsh,
    }
}
