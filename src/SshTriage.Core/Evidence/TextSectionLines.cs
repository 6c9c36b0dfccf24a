using System;
using System.Text;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>Collector output read from text (a server's answer, a string, unpacked output), a line at a time.</summary>
    internal sealed class TextSectionLines : ISectionLines
    {
        private readonly LineReader lines;
        private StringBuilder? body;
        private int lastLine;

        public TextSectionLines(LineReader lines) => this.lines = lines;

        public long LineNumber => lines.LineNumber;

        public string? ReadLine(int maxLength) => lines.ReadLine(maxLength);

        public LineKind Next(string prefix, int maxRest, out string? rest)
        {
            lastLine = body?.Length ?? 0;
            var kind = lines.Next(prefix, body, maxRest, out rest);
            if (kind == LineKind.Prefixed)
            {
                body?.Append(prefix).Append(rest).Append('\n');
            }

            return kind;
        }

        // A builder of its own for each body: a cleared one would keep its largest size.
        public void BeginBody()
        {
            body = new StringBuilder();
            lastLine = 0;
        }

        public byte[] EndBody()
        {
            var text = lastLine == 0 ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body!.ToString(0, lastLine - 1));
            body = null;
            return text;
        }
    }
}
