using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SshTriage.TcpWrappers
{
    /// <summary>
    /// Reads an access file as libwrap does: a backslash before the newline joins lines, a '#' in
    /// the first column starts a comment, fields are split at colons outside [IPv6] brackets, and
    /// list words at blanks and commas. A line without the client field is skipped, as libwrap
    /// skips it (after logging).
    /// </summary>
    public static class HostsAccessParser
    {
        private static readonly char[] ListSeparators = { ' ', '\t', ',' };

        /// <summary>The rules of <paramref name="file"/>, whose lines are <paramref name="lines"/>.</summary>
        public static IReadOnlyList<HostsAccessEntry> Parse(string file, IEnumerable<string> lines)
        {
            var entries = new List<HostsAccessEntry>();
            var text = new StringBuilder();
            var number = 0;
            var first = 0;
            foreach (var raw in lines)
            {
                number++;
                if (text.Length == 0)
                {
                    first = number;
                }

                var line = raw.TrimEnd('\r');
                if (line.EndsWith("\\", StringComparison.Ordinal))
                {
                    text.Append(line, 0, line.Length - 1);
                    continue;
                }

                text.Append(line);
                Add(entries, file, first, text.ToString());
                text.Clear();
            }

            if (text.Length > 0)
            {
                Add(entries, file, first, text.ToString());
            }

            return entries;
        }

        private static void Add(List<HostsAccessEntry> entries, string file, int lineNumber, string rule)
        {
            if (rule.Length == 0 || rule[0] == '#' || rule.Trim().Length == 0)
            {
                return;
            }

            var fields = SplitFields(rule);
            if (fields.Count < 2)
            {
                return;
            }

            entries.Add(new HostsAccessEntry(file, lineNumber, rule.Trim(), Words(fields[0]), Words(fields[1]), fields.Skip(2).Select(f => f.Trim()).Where(f => f.Length > 0).ToList()));
        }

        // Colons inside [...] belong to IPv6 addresses.
        private static List<string> SplitFields(string rule)
        {
            var fields = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i < rule.Length; i++)
            {
                switch (rule[i])
                {
                    case '[':
                        depth++;
                        break;
                    case ']':
                        depth = Math.Max(0, depth - 1);
                        break;
                    case ':' when depth == 0:
                        fields.Add(rule.Substring(start, i - start));
                        start = i + 1;
                        break;
                }
            }

            fields.Add(rule.Substring(start));
            return fields;
        }

        private static List<string> Words(string list) => list.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
