using System.Net.Sockets;

namespace SshTriage.Probing
{
    /// <summary>Maps a failed connect's socket error to what a client sees.</summary>
    internal static class SocketErrorStatus
    {
        public static SshPortStatus FromConnectError(SocketError error)
        {
            switch (error)
            {
                case SocketError.ConnectionRefused:
                    return SshPortStatus.Refused;
                case SocketError.TimedOut:
                    return SshPortStatus.TimedOut;
                case SocketError.NetworkUnreachable:
                case SocketError.NetworkDown:
                case SocketError.AddressNotAvailable:
                    return SshPortStatus.NetworkUnreachable;
                default:
                    // HostUnreachable and HostDown (ICMP host-unreachable or admin-prohibited),
                    // AccessDenied (ICMPv6 admin-prohibited arrives as EACCES; a local egress
                    // filter's EPERM looks the same, and SocketError keeps it visible), and rarer ones.
                    return SshPortStatus.HostUnreachable;
            }
        }
    }
}
