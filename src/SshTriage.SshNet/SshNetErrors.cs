using System;
using System.Globalization;
using System.Net.Sockets;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.SshNet
{
    /// <summary>Turns what SSH.NET throws while connecting into the module's errors, with the ids the OpenSSH transport gives.</summary>
    internal static class SshNetErrors
    {
        public static TriageError FromConnect(Exception failure, string host, int port, string user, string? via, TimeSpan timeout)
        {
            var where = via == null ? $"{host} port {port.ToString(CultureInfo.InvariantCulture)}" : $"{host} port {port.ToString(CultureInfo.InvariantCulture)} (through {via})";
            switch (failure)
            {
                case SocketException socket when socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData || socket.SocketErrorCode == SocketError.TryAgain:
                    return RemoteErrors.ConnectionFailed(host, $"{host} could not be resolved: {socket.Message}", "Check the name, or give the server's address.");
                case SocketException socket:
                    return RemoteErrors.ConnectionFailed(host, $"The management connection to {where} failed: {Describe(socket.SocketErrorCode)} ({socket.Message}).");
                case SshAuthenticationException denied:
                    return RemoteErrors.AuthenticationFailed(
                        host,
                        $"{host} refused the login as {user}: {denied.Message}",
                        "Check -Credential (a password login) or -KeyFilePath (the key must be in the user's authorized_keys); the server's log says which method it refused and why.");
                case SshConnectionException closed:
                    return RemoteErrors.ConnectionFailed(host, $"The SSH session with {where} could not be set up: {closed.Message}{(closed.DisconnectReason == DisconnectReason.None ? string.Empty : " (" + closed.DisconnectReason + ")")}.");
                case SshOperationTimeoutException _:
                case TimeoutException _:
                    return RemoteErrors.ConnectionFailed(host, $"The management connection to {where} did not open within {(int)timeout.TotalSeconds} s.");
                default:
                    return RemoteErrors.ConnectionFailed(host, $"The management connection to {where} failed: {failure.Message}");
            }
        }

        // The words ssh would use for the same socket error.
        private static string Describe(SocketError error)
        {
            switch (error)
            {
                case SocketError.ConnectionRefused:
                    return "connection refused";
                case SocketError.TimedOut:
                    return "connection timed out";
                case SocketError.HostUnreachable:
                    return "no route to host";
                case SocketError.NetworkUnreachable:
                    return "network is unreachable";
                case SocketError.AccessDenied:
                    return "permission denied (a firewall reject)";
                case SocketError.ConnectionReset:
                    return "connection reset by peer";
                default:
                    return error.ToString();
            }
        }
    }
}
