using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Tests
{
    /// <summary>
    /// A scripted TCP peer on loopback for the probe's edge cases (what a server sends and when it
    /// closes). Real sshd behaviour is covered by the lab tests; this only drives the byte-level paths.
    /// </summary>
    internal sealed class ScriptedPeer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly Func<Socket, CancellationToken, Task> script;

        private ScriptedPeer(IPAddress address, Func<Socket, CancellationToken, Task> script)
        {
            this.script = script;
            listener = new TcpListener(address, 0);
            if (address.Equals(IPAddress.IPv6Any))
            {
                listener.Server.DualMode = true;
            }

            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = AcceptLoopAsync();
        }

        public int Port { get; }

        public static ScriptedPeer Start(Func<Socket, CancellationToken, Task> script, IPAddress? address = null) =>
            new ScriptedPeer(address ?? IPAddress.Loopback, script);

        public static ScriptedPeer Sends(string text, bool thenClose, IPAddress? address = null) =>
            Start(async (socket, token) =>
            {
                await socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), SocketFlags.None);
                if (!thenClose)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
            }, address);

        /// <summary>Answers the first line it receives with an HTTP 400, as a web server does.</summary>
        public static ScriptedPeer HttpServer() =>
            Start(async (socket, token) =>
            {
                var buffer = new byte[256];
                await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                var answer = "HTTP/1.0 400 Bad request version\r\nContent-Type: text/html\r\n\r\n<html>bad</html>";
                await socket.SendAsync(new ArraySegment<byte>(Encoding.ASCII.GetBytes(answer)), SocketFlags.None);
            });

        /// <summary>Returns a loopback port that nothing listens on.</summary>
        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
        }

        private async Task AcceptLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync();
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        try
                        {
                            await script(socket, stop.Token);
                            socket.Shutdown(SocketShutdown.Both);
                        }
                        catch (Exception)
                        {
                            // The probe may close first; that is its business.
                        }
                    }
                });
            }
        }
    }
}
