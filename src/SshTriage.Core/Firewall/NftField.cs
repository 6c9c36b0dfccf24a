namespace SshTriage.Firewall
{
    /// <summary>What the left side of a match reads from the packet.</summary>
    internal enum NftField
    {
        Unsupported,
        SourceAddress,
        DestinationAddress,
        SourcePort,
        DestinationPort,
        Protocol,
        Family,
        InInterface,
        CtState,
        CtStatus,
        PacketType,
        FibDestinationType,
        TcpFlags,
    }
}
