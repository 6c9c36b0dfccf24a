using System;
using System.Security.Cryptography;
using System.Text;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>
    /// The host field of a known_hosts line, matched as OpenSSH matches it: a comma-separated
    /// list of patterns with * and ?, where a matching !pattern excludes the host whatever else
    /// matches, or one hashed name (|1|salt|hash, HMAC-SHA1 of the name keyed with the salt).
    /// </summary>
    public static class HostPattern
    {
        private const string HashedPrefix = "|1|";

        /// <summary>
        /// The name known_hosts files hold for a host: the host itself on port 22, [host]:port on
        /// any other, lower-cased as ssh does.
        /// </summary>
        public static string LookupName(string host, int port)
        {
            var name = host.Trim().ToLowerInvariant();
            if (name.StartsWith("[", StringComparison.Ordinal) && name.EndsWith("]", StringComparison.Ordinal))
            {
                name = name.Substring(1, name.Length - 2);
            }

            return port == 22 ? name : "[" + name + "]:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>True when <paramref name="field"/> is a hashed name.</summary>
        public static bool IsHashed(string field) => field.StartsWith(HashedPrefix, StringComparison.Ordinal);

        /// <summary>True when the host field <paramref name="field"/> applies to <paramref name="lookupName"/>.</summary>
        public static bool Matches(string field, string lookupName)
        {
            if (IsHashed(field))
            {
                return MatchesHash(field, lookupName);
            }

            var matched = false;
            foreach (var raw in field.Split(','))
            {
                var negated = raw.StartsWith("!", StringComparison.Ordinal);
                var pattern = (negated ? raw.Substring(1) : raw).ToLowerInvariant();
                if (pattern.Length == 0 || !Wildcard(pattern, 0, lookupName, 0))
                {
                    continue;
                }

                if (negated)
                {
                    return false;
                }

                matched = true;
            }

            return matched;
        }

        private static bool MatchesHash(string field, string lookupName)
        {
            var parts = field.Substring(HashedPrefix.Length).Split('|');
            if (parts.Length != 2)
            {
                return false;
            }

            byte[] salt, hash;
            try
            {
                salt = Convert.FromBase64String(parts[0]);
                hash = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                return false;
            }

            using (var hmac = new HMACSHA1(salt))
            {
                var computed = hmac.ComputeHash(Encoding.UTF8.GetBytes(lookupName));
                return computed.Length == hash.Length && FixedTimeEquals(computed, hash);
            }
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            var difference = 0;
            for (var i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }

        // OpenSSH's match_pattern: '*' any run, '?' any one character, everything else literal.
        private static bool Wildcard(string pattern, int p, string text, int t)
        {
            while (p < pattern.Length)
            {
                if (pattern[p] == '*')
                {
                    while (p < pattern.Length && pattern[p] == '*')
                    {
                        p++;
                    }

                    if (p == pattern.Length)
                    {
                        return true;
                    }

                    for (var start = t; start <= text.Length; start++)
                    {
                        if (Wildcard(pattern, p, text, start))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (t == text.Length || (pattern[p] != '?' && pattern[p] != text[t]))
                {
                    return false;
                }

                p++;
                t++;
            }

            return t == text.Length;
        }
    }
}
