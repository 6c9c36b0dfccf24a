using System;
using System.IO;
using System.Text;
using System.Threading;

namespace SshTriage.Text
{
    /// <summary>What <see cref="LineReader.Next"/> found.</summary>
    public enum LineKind
    {
        /// <summary>The text has ended.</summary>
        End,

        /// <summary>A line that does not start with the prefix.</summary>
        Other,

        /// <summary>A line that starts with the prefix.</summary>
        Prefixed,
    }

    /// <summary>
    /// Reads lines from a <see cref="TextReader"/> a buffer at a time, without a string for every
    /// line: a line that starts with a given prefix comes back as a string, any other is copied
    /// into a <see cref="StringBuilder"/> or skipped. '\n' ends a line and a '\r' right before it
    /// is dropped. Cancellation is checked before each read from the underlying reader.
    /// </summary>
    public sealed class LineReader
    {
        private const int BufferSize = 1 << 16;

        private readonly TextReader reader;
        private readonly CancellationToken cancellationToken;
        private readonly char[] buffer = new char[BufferSize];
        private int position;
        private int count;
        private bool exhausted;

        /// <summary>Reads from <paramref name="reader"/>.</summary>
        public LineReader(TextReader reader, CancellationToken cancellationToken = default)
        {
            this.reader = reader;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The number of the line read last, 1 for the first.</summary>
        public long LineNumber { get; private set; }

        /// <summary>The next line, at most <paramref name="maxLength"/> characters of it (the rest is skipped); null at the end.</summary>
        public string? ReadLine(int maxLength)
        {
            var line = new StringBuilder();
            return Consume(line, maxLength) ? line.ToString() : null;
        }

        /// <summary>
        /// Reads the next line. One that starts with <paramref name="prefix"/> is returned in
        /// <paramref name="rest"/> without the prefix (at most <paramref name="maxRest"/>
        /// characters of it); any other is appended to <paramref name="content"/> with a '\n'
        /// (or skipped when it is null).
        /// </summary>
        public LineKind Next(string prefix, StringBuilder? content, int maxRest, out string? rest)
        {
            rest = null;
            if (!Available(1))
            {
                return LineKind.End;
            }

            Available(prefix.Length);
            if (StartsWith(prefix))
            {
                position += prefix.Length;
                rest = ReadLine(maxRest) ?? string.Empty;
                return LineKind.Prefixed;
            }

            Consume(content, int.MaxValue);
            content?.Append('\n');
            return LineKind.Other;
        }

        private bool StartsWith(string prefix)
        {
            if (count - position < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (buffer[position + i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Consumes the rest of the line and its '\n', appending at most max characters of it
        // (without a '\r' before the '\n') to into. False when nothing was left to read.
        private bool Consume(StringBuilder? into, int max)
        {
            if (!Available(1))
            {
                return false;
            }

            var room = max;
            while (true)
            {
                var newline = Array.IndexOf(buffer, '\n', position, count - position);
                if (newline >= 0)
                {
                    var end = newline > position && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                    Append(into, end, ref room);
                    position = newline + 1;
                    LineNumber++;
                    return true;
                }

                // A '\r' at the end of the buffer may be followed by '\n': it waits for the next read.
                var held = !exhausted && buffer[count - 1] == '\r' ? 1 : 0;
                Append(into, count - held, ref room);
                position = count - held;
                if (!ReadMore())
                {
                    Append(into, count, ref room);
                    position = count;
                    LineNumber++;
                    return true;
                }
            }
        }

        private void Append(StringBuilder? into, int end, ref int room)
        {
            var length = Math.Min(end - position, room);
            if (into != null && length > 0)
            {
                into.Append(buffer, position, length);
                room -= length;
            }
        }

        // True when at least one character is buffered; reads until needed characters are, or the text ends.
        private bool Available(int needed)
        {
            while (count - position < needed && ReadMore())
            {
            }

            return count > position;
        }

        // Moves what is left to the front and reads more; false when the text has ended.
        private bool ReadMore()
        {
            if (exhausted)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (position > 0)
            {
                Array.Copy(buffer, position, buffer, 0, count - position);
                count -= position;
                position = 0;
            }

            var read = reader.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                exhausted = true;
                return false;
            }

            count += read;
            return true;
        }
    }
}
