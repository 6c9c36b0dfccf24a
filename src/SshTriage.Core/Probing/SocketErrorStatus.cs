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
                // EACCES/EPERM: this machine's own egress filter refused to send.
                case SocketError.AccessDenied:
                    return SshPortStatus.NetworkUnreachable;
                default:
                    // HostUnreachable, HostDown (ICMP host or admin-prohibited) and anything rarer.
                    return SshPortStatus.HostUnreachable;
            }
        }
    }
}
