using System.Net;

namespace SshTriage.Firewall
{
    /// <summary>The first packet of a new connection, as the server's input path sees it.</summary>
    public sealed class PacketQuery
    {
        /// <summary>Creates a query.</summary>
        public PacketQuery(IPAddress source, int port, string protocol, string? interfaceName)
        {
            Source = source;
            Port = port;
            Protocol = protocol;
            InterfaceName = interfaceName;
        }

        /// <summary>The source address as the server sees it.</summary>
        public IPAddress Source { get; }

        /// <summary>The destination port.</summary>
        public int Port { get; }

        /// <summary>tcp or udp.</summary>
        public string Protocol { get; }

        /// <summary>The interface the packet arrives on; null when unknown (rules on another interface then make the verdict Unknown).</summary>
        public string? InterfaceName { get; }

        /// <summary>True for an IPv6 source.</summary>
        public bool IsIPv6 => Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !Source.IsIPv4MappedToIPv6;
    }
}
