using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>One tool's answer from a section that asked several questions.</summary>
    public sealed class ToolAnswer
    {
        // The answer is a part of the section's UTF-8 bytes, decoded only when asked for: a ban
        // list or a rule set can be most of a bundle, and its reader reads the bytes in place.
        private readonly Utf8Text text;
        private readonly int start;
        private readonly int length;
        private string? output;

        internal ToolAnswer(string query, Utf8Text text, int start, int length, int exitCode)
        {
            Query = query;
            this.text = text;
            this.start = start;
            this.length = length;
            ExitCode = exitCode;
        }

        /// <summary>The arguments asked, e.g. "get sshd bantime".</summary>
        public string Query { get; }

        /// <summary>What the tool printed (standard output and error together).</summary>
        public string Output => output ??= text.Substring(start, length);

        /// <summary>Where <see cref="Output"/> lies in the section's bytes, for a reader that reads it in place.</summary>
        internal (Utf8Text Text, int Start, int Length) Place => (text, start, length);

        /// <summary>The tool's exit code.</summary>
        public int ExitCode { get; }
    }

    /// <summary>
    /// Reads the "@@sst" framing of a section that asked several questions (fail2ban-client per
    /// jail, each iptables-save): the answers before the first jail, and each jail's answers.
    /// </summary>
    public sealed class FramedOutput
    {
        private const string Mark = "@@sst ";

        private FramedOutput(IReadOnlyList<ToolAnswer> global, IReadOnlyList<(string Jail, IReadOnlyList<ToolAnswer> Answers)> jails)
        {
            Global = global;
            Jails = jails;
        }

        /// <summary>Answers before any jail (fail2ban-client status; or every tool of a firewall section).</summary>
        public IReadOnlyList<ToolAnswer> Global { get; }

        /// <summary>Each jail's answers, in the server's order.</summary>
        public IReadOnlyList<(string Jail, IReadOnlyList<ToolAnswer> Answers)> Jails { get; }

        /// <summary>Parses framed output; text outside a query is ignored.</summary>
        public static FramedOutput Parse(string text) => Parse(Utf8Text.From(text.IndexOf('\r') >= 0 ? text.Replace("\r\n", "\n") : text));

        /// <summary>Parses a section's framed output as the collector read it, in place.</summary>
        internal static FramedOutput Parse(EvidenceRecord section) => Parse(new Utf8Text(section.Utf8Output));

        [MethodImpl(Optimized.AtOnce)]

        private static FramedOutput Parse(Utf8Text text)
        {
            var global = new List<ToolAnswer>();
            var jails = new List<(string, IReadOnlyList<ToolAnswer>)>();
            var current = global;
            string? query = null;

            // An answer is the text between its query line and its exit line, taken in one piece;
            // a framing line inside it (which the scripts never print) is left out of it.
            var answerStart = 0;
            MemoryStream? pieces = null;
            for (var position = 0; position < text.Length;)
            {
                var newline = text.IndexOf('\n', position, text.Length - position);
                var end = newline < 0 ? text.Length : newline;
                var next = newline < 0 ? text.Length : newline + 1;
                if (end - position < Mark.Length || !text.Matches(position, Mark))
                {
                    position = next;
                    continue;
                }

                var directive = text.Substring(position + Mark.Length, end - position - Mark.Length);
                if (directive.StartsWith("query ", StringComparison.Ordinal))
                {
                    query = directive.Substring(6).Trim();
                    pieces = null;
                }
                else if (directive.StartsWith("exit ", StringComparison.Ordinal) && query != null)
                {
                    // An exit code that is no number is not a success.
                    var exit = int.TryParse(directive.Substring(5).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : -1;
                    if (pieces == null)
                    {
                        current.Add(new ToolAnswer(query, text, answerStart, position - answerStart, exit));
                    }
                    else
                    {
                        pieces.Write(text.Bytes, answerStart, position - answerStart);
                        var joined = new Utf8Text(pieces.ToArray());
                        current.Add(new ToolAnswer(query, joined, 0, joined.Length, exit));
                    }

                    query = null;
                }
                else
                {
                    if (directive.StartsWith("jail ", StringComparison.Ordinal))
                    {
                        current = new List<ToolAnswer>();
                        jails.Add((directive.Substring(5).Trim(), current));
                    }

                    if (query != null)
                    {
                        (pieces ??= new MemoryStream()).Write(text.Bytes, answerStart, position - answerStart);
                    }
                }

                answerStart = next;
                position = next;
            }

            return new FramedOutput(global, jails);
        }
    }
}
