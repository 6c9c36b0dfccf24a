using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SshTriage.Evidence
{
    /// <summary>One tool's answer from a section that asked several questions.</summary>
    public sealed class ToolAnswer
    {
        internal ToolAnswer(string query, string output, int exitCode)
        {
            Query = query;
            Output = output;
            ExitCode = exitCode;
        }

        /// <summary>The arguments asked, e.g. "get sshd bantime".</summary>
        public string Query { get; }

        /// <summary>What the tool printed (standard output and error together).</summary>
        public string Output { get; }

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
        public static FramedOutput Parse(string text)
        {
            var global = new List<ToolAnswer>();
            var jails = new List<(string, IReadOnlyList<ToolAnswer>)>();
            var current = global;
            string? query = null;
            var output = new StringBuilder();
            foreach (var raw in (text.IndexOf('\r') >= 0 ? text.Replace("\r\n", "\n") : text).Split('\n'))
            {
                if (!raw.StartsWith(Mark, StringComparison.Ordinal))
                {
                    if (query != null)
                    {
                        output.Append(raw).Append('\n');
                    }

                    continue;
                }

                var directive = raw.Substring(Mark.Length);
                if (directive.StartsWith("jail ", StringComparison.Ordinal))
                {
                    current = new List<ToolAnswer>();
                    jails.Add((directive.Substring(5).Trim(), current));
                }
                else if (directive.StartsWith("query ", StringComparison.Ordinal))
                {
                    query = directive.Substring(6).Trim();
                    output.Clear();
                }
                else if (directive.StartsWith("exit ", StringComparison.Ordinal) && query != null)
                {
                    // An exit code that is no number is not a success.
                    var exit = int.TryParse(directive.Substring(5).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : -1;
                    current.Add(new ToolAnswer(query, output.ToString(), exit));
                    query = null;
                }
            }

            return new FramedOutput(global, jails);
        }
    }
}
