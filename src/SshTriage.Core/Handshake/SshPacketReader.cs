using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Probing;

namespace SshTriage.Handshake
{
    /// <summary>
    /// Reads the binary packets that come before encryption starts (RFC 4253 §6): uint32
    /// packet_length, byte padding_length, the payload, then random padding, and no MAC yet.
    /// </summary>
    internal sealed class SshPacketReader
    {
        // RFC 4253 §6.1: every implementation handles 35,000 bytes; a longer "packet" is no SSH.
        private const int MaxPacketLength = 35000;

        private readonly Socket socket;
        private readonly TimeSpan timeout;
        private byte[] pending;

        /// <summary>Reads from <paramref name="socket"/>, starting with <paramref name="alreadyRead"/>, each receive bounded by <paramref name="timeout"/>.</summary>
        public SshPacketReader(Socket socket, byte[] alreadyRead, TimeSpan timeout)
        {
            this.socket = socket;
            this.timeout = timeout;
            pending = alreadyRead;
        }

        /// <summary>The next packet's payload; throws InvalidDataException when the bytes are not a packet, IOException when the peer closed or went silent.</summary>
        public async Task<byte[]> ReadPayloadAsync(CancellationToken cancellationToken)
        {
            var header = await ReadExactlyAsync(5, cancellationToken).ConfigureAwait(false);
            var packetLength = (header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
            var padding = header[4];
            if (packetLength < 5 || packetLength > MaxPacketLength || padding < 4 || padding >= packetLength)
            {
                throw new InvalidDataException($"the peer sent a packet header that is not SSH's (length {packetLength}, padding {padding}).");
            }

            var rest = await ReadExactlyAsync(packetLength - 1, cancellationToken).ConfigureAwait(false);
            var payload = new byte[packetLength - 1 - padding];
            Array.Copy(rest, 0, payload, 0, payload.Length);
            return payload;
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var have = Math.Min(count, pending.Length);
            Array.Copy(pending, result, have);
            var left = new byte[pending.Length - have];
            Array.Copy(pending, have, left, 0, left.Length);
            pending = left;
            while (have < count)
            {
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(result, have, count - have), SocketFlags.None);
                if (!await TaskTimeout.CompletesWithinAsync(receive, timeout, cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException($"the server sent nothing more within {timeout.TotalSeconds:0.#} s.");
                }

                var read = await receive.ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection.");
                }

                have += read;
            }

            return result;
        }
    }
}
