using System.Net;

namespace SshTriage.Firewall
{
    /// <summary>The first packet of a new connection, as the server's input path sees it.</summary>
    /// <param name="Source">The source address as the server sees it.</param>
    /// <param name="Port">The destination port.</param>
    /// <param name="Protocol">tcp or udp.</param>
    /// <param name="InterfaceName">The interface the packet arrives on; null when unknown (rules on another interface then make the verdict Unknown).</param>
    public sealed record PacketQuery(IPAddress Source, int Port, string Protocol, string? InterfaceName)
    {
        /// <summary>True for an IPv6 source.</summary>
        public bool IsIPv6 => Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !Source.IsIPv4MappedToIPv6;
    }
}
