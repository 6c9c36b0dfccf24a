using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SshTriage.Net;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// Adds an address to the ignoreip that is effective for a jail in jail.local, changing
    /// nothing else: comments, order, spacing and line endings of every other line stay byte
    /// for byte. The jail's own section wins, then [DEFAULT]; where neither defines ignoreip,
    /// the jail's section gets "ignoreip = 127.0.0.1/8 ::1 ADDRESS" (the loopback entries keep
    /// Fail2Ban's own defaults, which a new line would otherwise replace).
    /// </summary>
    public static class IgnoreIpEditor
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant;
        private static readonly Regex Section = new Regex(@"^\s*\[(?<name>[^\]]+)\]\s*(?:[#;].*)?$", Options);
        private static readonly Regex IgnoreIp = new Regex(@"^(?<key>ignoreip)\s*[=:]", Options | RegexOptions.IgnoreCase);
        private static readonly Regex InlineComment = new Regex(@"\s[#;]", Options);

        /// <summary>Returns jail.local with <paramref name="address"/> added for <paramref name="jail"/>.</summary>
        public static IgnoreIpEdit AddAddress(string text, string jail, IPPrefix address)
        {
            var lines = SplitKeepingEndings(text ?? string.Empty);
            var newline = text != null && text.Contains("\r\n") ? "\r\n" : "\n";
            var sections = FindSections(lines);

            foreach (var name in new[] { jail, "DEFAULT" })
            {
                if (!sections.TryGetValue(name, out var range))
                {
                    continue;
                }

                for (var i = range.Start + 1; i < range.End; i++)
                {
                    if (!IgnoreIp.IsMatch(lines[i]))
                    {
                        continue;
                    }

                    var last = i;
                    while (last + 1 < range.End && IsContinuation(lines[last + 1]))
                    {
                        last++;
                    }

                    var covering = Entries(lines, i, last).FirstOrDefault(e => IPPrefix.TryParse(e, out var p) && p.Contains(address));
                    if (covering != null)
                    {
                        return new IgnoreIpEdit(text ?? string.Empty, false, name, covering);
                    }

                    lines[last] = AppendToLine(lines[last], address.ToString());
                    return new IgnoreIpEdit(string.Concat(lines), true, name, null);
                }
            }

            var line = "ignoreip = 127.0.0.1/8 ::1 " + address + newline;
            if (sections.TryGetValue(jail, out var own))
            {
                lines.Insert(own.Start + 1, line);
                return new IgnoreIpEdit(string.Concat(lines), true, jail, null);
            }

            var builder = new StringBuilder(string.Concat(lines));
            if (builder.Length > 0 && builder[builder.Length - 1] != '\n')
            {
                builder.Append(newline);
            }

            if (builder.Length > 0)
            {
                builder.Append(newline);
            }

            builder.Append('[').Append(jail).Append(']').Append(newline).Append(line);
            return new IgnoreIpEdit(builder.ToString(), true, jail, null);
        }

        /// <summary>Every ignoreip entry effective for <paramref name="jail"/> in jail.local, or null when jail.local does not set it.</summary>
        public static IReadOnlyList<string>? EffectiveEntries(string text, string jail)
        {
            var lines = SplitKeepingEndings(text ?? string.Empty);
            var sections = FindSections(lines);
            foreach (var name in new[] { jail, "DEFAULT" })
            {
                if (!sections.TryGetValue(name, out var range))
                {
                    continue;
                }

                for (var i = range.Start + 1; i < range.End; i++)
                {
                    if (IgnoreIp.IsMatch(lines[i]))
                    {
                        var last = i;
                        while (last + 1 < range.End && IsContinuation(lines[last + 1]))
                        {
                            last++;
                        }

                        return Entries(lines, i, last).ToList();
                    }
                }
            }

            return null;
        }

        private static Dictionary<string, (int Start, int End)> FindSections(List<string> lines)
        {
            var sections = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
            string? current = null;
            var start = -1;
            for (var i = 0; i <= lines.Count; i++)
            {
                var match = i < lines.Count ? Section.Match(lines[i].TrimEnd('\r', '\n')) : null;
                if (i < lines.Count && (match == null || !match.Success))
                {
                    continue;
                }

                // A section named twice: the later one is the one Fail2Ban's parser keeps values from last.
                if (current != null)
                {
                    sections[current] = (start, i);
                }

                if (match != null)
                {
                    current = match.Groups["name"].Value.Trim();
                    start = i;
                }
            }

            return sections;
        }

        private static IEnumerable<string> Entries(List<string> lines, int first, int last)
        {
            for (var i = first; i <= last; i++)
            {
                var value = lines[i].TrimEnd('\r', '\n');
                if (i == first)
                {
                    value = value.Substring(value.IndexOfAny(new[] { '=', ':' }) + 1);
                }

                var comment = InlineComment.Match(value);
                if (comment.Success)
                {
                    value = value.Substring(0, comment.Index);
                }

                foreach (var entry in value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return entry;
                }
            }
        }

        private static bool IsContinuation(string line)
        {
            var content = line.TrimEnd('\r', '\n');
            return content.Length > 0 && char.IsWhiteSpace(content[0]) && content.Trim().Length > 0 && !content.TrimStart().StartsWith("#", StringComparison.Ordinal) && !content.TrimStart().StartsWith(";", StringComparison.Ordinal);
        }

        private static string AppendToLine(string line, string entry)
        {
            var ending = line.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : line.EndsWith("\n", StringComparison.Ordinal) ? "\n" : string.Empty;
            var content = line.Substring(0, line.Length - ending.Length);
            var comment = InlineComment.Match(content);
            if (comment.Success)
            {
                var before = content.Substring(0, comment.Index).TrimEnd();
                return before + " " + entry + content.Substring(before.Length) + ending;
            }

            var trimmed = content.TrimEnd();
            return trimmed + " " + entry + content.Substring(trimmed.Length) + ending;
        }

        private static List<string> SplitKeepingEndings(string text)
        {
            var lines = new List<string>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    lines.Add(text.Substring(start, i - start + 1));
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                lines.Add(text.Substring(start));
            }

            return lines;
        }
    }
}
