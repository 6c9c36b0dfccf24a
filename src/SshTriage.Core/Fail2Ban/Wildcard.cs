using System.Text;
using System.Text.RegularExpressions;

namespace SshTriage.Fail2Ban
{
    /// <summary>PowerShell-style wildcards (*, ?, [a-z]) for name filters, case-insensitive.</summary>
    public static class Wildcard
    {
        /// <summary>True when <paramref name="pattern"/> has a wildcard character.</summary>
        public static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
        public static bool IsMatch(string value, string pattern)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '*')
                {
                    regex.Append(".*");
                }
                else if (c == '?')
                {
                    regex.Append('.');
                }
                else if (c == '[' && pattern.IndexOf(']', i + 1) > i + 1)
                {
                    var end = pattern.IndexOf(']', i + 1);
                    regex.Append('[').Append(pattern.Substring(i + 1, end - i - 1).Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                    i = end;
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }

            return Regex.IsMatch(value, regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
