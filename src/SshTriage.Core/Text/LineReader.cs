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
    /// Reads lines from a <see cref="TextReader"/> a ahead.Buffer at a time, without a string for every
    /// line: a line that starts with a given prefix comes back as a string, any other is copied
    /// into a <see cref="StringBuilder"/> or skipped. '\n' ends a line and a '\r' right before it
    /// is dropped. Cancellation is checked before each read from the underlying reader.
    /// </summary>
    public sealed class LineReader
    {
        private readonly ReadAhead<char> ahead;

        /// <summary>Reads from <paramref name="reader"/>.</summary>
        public LineReader(TextReader reader, CancellationToken cancellationToken = default) =>
            ahead = new ReadAhead<char>(reader.Read, c => c, cancellationToken);

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
            if (!ahead.Available(1))
            {
                return LineKind.End;
            }

            ahead.Available(prefix.Length);
            if (ahead.StartsWith(prefix))
            {
                ahead.Position += prefix.Length;
                rest = ReadLine(maxRest) ?? string.Empty;
                return LineKind.Prefixed;
            }

            Consume(content, int.MaxValue);
            content?.Append('\n');
            return LineKind.Other;
        }

        // Consumes the rest of the line and its '\n', appending at most max characters of it
        // (without a '\r' before the '\n') to into. False when nothing was left to read.
        private bool Consume(StringBuilder? into, int max)
        {
            if (!ahead.Available(1))
            {
                return false;
            }

            var room = max;
            while (true)
            {
                var newline = Array.IndexOf(ahead.Buffer, '\n', ahead.Position, ahead.Count - ahead.Position);
                if (newline >= 0)
                {
                    var end = newline > ahead.Position && ahead.Buffer[newline - 1] == '\r' ? newline - 1 : newline;
                    Append(into, end, ref room);
                    ahead.Position = newline + 1;
                    LineNumber++;
                    return true;
                }

                // A '\r' at the end of the buffer may be followed by '\n': it waits for the next read.
                var held = !ahead.Exhausted && ahead.Buffer[ahead.Count - 1] == '\r' ? 1 : 0;
                Append(into, ahead.Count - held, ref room);
                ahead.Position = ahead.Count - held;
                if (!ahead.ReadMore())
                {
                    Append(into, ahead.Count, ref room);
                    ahead.Position = ahead.Count;
                    LineNumber++;
                    return true;
                }
            }
        }

        private void Append(StringBuilder? into, int end, ref int room)
        {
            var length = Math.Min(end - ahead.Position, room);
            if (into != null && length > 0)
            {
                into.Append(ahead.Buffer, ahead.Position, length);
                room -= length;
            }
        }
    }
}
