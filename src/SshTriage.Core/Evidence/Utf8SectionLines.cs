using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Collector output read as UTF-8 bytes (a saved bundle), a buffer at a time. A section's
    /// output is gathered as the bytes it arrived as, outside the managed heap (where a growing
    /// buffer would leave its smaller copies behind), and copied out once, at its size: a
    /// section of a rule set or a ban list is most of a bundle, and its parsers read the bytes.
    /// </summary>
    internal sealed class Utf8SectionLines : ISectionLines, IDisposable
    {
        private const int InitialBodyCapacity = 1 << 16;

        private readonly ReadAhead<byte> ahead;

        // The lines kept since BeginBody, and where the last one read starts.
        private IntPtr body;
        private long bodyCapacity;
        private long bodyLength;
        private long lastLine;
        private bool keeping;

        /// <summary>Reads from <paramref name="stream"/>, after a UTF-8 byte order mark if it starts with one.</summary>
        public Utf8SectionLines(Stream stream, CancellationToken cancellationToken)
        {
            ahead = new ReadAhead<byte>(stream.Read, b => (char)b, cancellationToken);
            ahead.Available(4);
            IsWide = ahead.StartsWith("\u00FE\u00FF") || ahead.StartsWith("\u00FF\u00FE") || ahead.StartsWith("\0\0\u00FE\u00FF");
            if (ahead.StartsWith("\u00EF\u00BB\u00BF"))
            {
                ahead.Position = 3;
            }
        }

        /// <summary>True when the text starts with a UTF-16 or UTF-32 byte order mark: it is no UTF-8.</summary>
        public bool IsWide { get; }

        public long LineNumber { get; private set; }

        public string? ReadLine(int maxLength)
        {
            if (!ahead.Available(1))
            {
                return null;
            }

            return Consume(maxLength);
        }

        public LineKind Next(string prefix, int maxRest, out string? rest)
        {
            rest = null;
            lastLine = bodyLength;
            if (!ahead.Available(1))
            {
                return LineKind.End;
            }

            ahead.Available(prefix.Length);
            if (!ahead.StartsWith(prefix))
            {
                Consume(-1);
                return LineKind.Other;
            }

            Keep(ahead.Position, prefix.Length);
            ahead.Position += prefix.Length;
            rest = Consume(maxRest);
            return LineKind.Prefixed;
        }

        public void BeginBody()
        {
            keeping = true;
            bodyLength = 0;
            lastLine = 0;
        }

        public byte[] EndBody()
        {
            keeping = false;

            // The last byte kept before the line that ended the body is that newline.
            var length = (int)lastLine - 1;
            if (length <= 0)
            {
                return Array.Empty<byte>();
            }

            var bytes = new byte[length];
            Marshal.Copy(body, bytes, 0, length);
            return WithoutCarriageReturns(bytes);
        }

        public void Dispose()
        {
            if (body != IntPtr.Zero)
            {
                Marshal.FreeHGlobal(body);
                body = IntPtr.Zero;
            }
        }

        // Lines ended by "\r\n" (a bundle saved on Windows) end in "\n", and the last loses a '\r'
        // of its own: moved up in place, cut once at the end.
        private static byte[] WithoutCarriageReturns(byte[] bytes)
        {
            var kept = Array.IndexOf(bytes, (byte)'\r');
            if (kept < 0)
            {
                return bytes;
            }

            for (var i = kept; i < bytes.Length; i++)
            {
                if (bytes[i] != '\r' || (i + 1 < bytes.Length && bytes[i + 1] != '\n'))
                {
                    bytes[kept++] = bytes[i];
                }
            }

            Array.Resize(ref bytes, kept);
            return bytes;
        }

        // Consumes the rest of the line and its '\n', kept whole when a body is; returns at most
        // max bytes of it, decoded, without a '\r' right before the '\n' (nothing when max < 0).
        private string? Consume(int max)
        {
            var line = max < 0 ? null : new MemoryStream();
            var ended = false;
            long total = 0;
            while (true)
            {
                var newline = Array.IndexOf(ahead.Buffer, (byte)'\n', ahead.Position, ahead.Count - ahead.Position);
                var end = newline < 0 ? ahead.Count : newline;
                total += end - ahead.Position;
                if (line != null && line.Length < max)
                {
                    line.Write(ahead.Buffer, ahead.Position, (int)Math.Min(end - ahead.Position, max - line.Length));
                }

                var next = newline < 0 ? ahead.Count : newline + 1;
                Keep(ahead.Position, next - ahead.Position);
                ahead.Position = next;
                if (newline >= 0)
                {
                    ended = true;
                    break;
                }

                if (!ahead.ReadMore())
                {
                    break;
                }
            }

            LineNumber++;
            if (line == null)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            return ended && total <= max && text.Length > 0 && text[text.Length - 1] == '\r' ? text.Substring(0, text.Length - 1) : text;
        }

        private void Keep(int from, int length)
        {
            if (!keeping || length == 0)
            {
                return;
            }

            if (bodyLength + length > bodyCapacity)
            {
                var capacity = Math.Max(bodyCapacity * 2, InitialBodyCapacity);
                while (capacity < bodyLength + length)
                {
                    capacity *= 2;
                }

                body = body == IntPtr.Zero ? Marshal.AllocHGlobal(new IntPtr(capacity)) : Marshal.ReAllocHGlobal(body, new IntPtr(capacity));
                bodyCapacity = capacity;
            }

            Marshal.Copy(ahead.Buffer, from, new IntPtr(body.ToInt64() + bodyLength), length);
            bodyLength += length;
        }
    }
}
