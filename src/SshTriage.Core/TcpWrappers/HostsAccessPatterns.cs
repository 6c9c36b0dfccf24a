using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SshTriage.Net;

namespace SshTriage.TcpWrappers
{
    /// <summary>
    /// hosts_access(5) pattern matching for one connection whose address is known and whose host
    /// name and ident user are not: lists with EXCEPT, ALL, address prefixes ("198.51.100."),
    /// net/mask, CIDR, [IPv6]/len and wildcards decide; host names, KNOWN, UNKNOWN, LOCAL,
    /// PARANOID, netgroups, user@ patterns and pattern files are Unknown.
    /// </summary>
    public static class HostsAccessPatterns
    {
        private const string Except = "EXCEPT";

        /// <summary>Whether <paramref name="words"/> (a daemon list) names <paramref name="daemon"/>.</summary>
        public static TcpWrappersMatch MatchDaemons(IReadOnlyList<string> words, string daemon) =>
            MatchList(words, 0, word => MatchDaemon(word, daemon));

        /// <summary>Whether <paramref name="words"/> (a client list) takes in <paramref name="client"/>.</summary>
        public static TcpWrappersMatch MatchClients(IReadOnlyList<string> words, IPAddress client)
        {
            var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
            return MatchList(words, 0, word => MatchClient(word, address));
        }

        /// <summary>Both must match.</summary>
        public static TcpWrappersMatch And(TcpWrappersMatch left, TcpWrappersMatch right) =>
            left == TcpWrappersMatch.No || right == TcpWrappersMatch.No ? TcpWrappersMatch.No
            : left == TcpWrappersMatch.Yes && right == TcpWrappersMatch.Yes ? TcpWrappersMatch.Yes
            : TcpWrappersMatch.Unknown;

        // libwrap's list_match: the words before EXCEPT, then "but not" the list after it (which
        // may hold an EXCEPT of its own).
        private static TcpWrappersMatch MatchList(IReadOnlyList<string> words, int start, Func<string, TcpWrappersMatch> match)
        {
            var result = TcpWrappersMatch.No;
            var i = start;
            for (; i < words.Count && !IsExcept(words[i]); i++)
            {
                var one = match(words[i]);
                if (one == TcpWrappersMatch.Yes || (one == TcpWrappersMatch.Unknown && result == TcpWrappersMatch.No))
                {
                    result = one;
                }
            }

            if (result == TcpWrappersMatch.No || i >= words.Count)
            {
                return result;
            }

            return MatchList(words, i + 1, match) switch
            {
                TcpWrappersMatch.Yes => TcpWrappersMatch.No,
                TcpWrappersMatch.No => result,
                _ => TcpWrappersMatch.Unknown,
            };
        }

        private static bool IsExcept(string word) => string.Equals(word, Except, StringComparison.OrdinalIgnoreCase);

        private static TcpWrappersMatch MatchDaemon(string word, string daemon)
        {
            // daemon@host names the server's own address; the evidence does not say which one
            // the connection reached.
            var at = word.LastIndexOf('@');
            var name = at < 0 ? word : word.Substring(0, at);
            var named = IsAll(name) || string.Equals(name, daemon, StringComparison.OrdinalIgnoreCase);
            if (!named)
            {
                return TcpWrappersMatch.No;
            }

            return at < 0 || IsAll(word.Substring(at + 1)) ? TcpWrappersMatch.Yes : TcpWrappersMatch.Unknown;
        }

        private static TcpWrappersMatch MatchClient(string word, IPAddress address)
        {
            if (IsAll(word))
            {
                return TcpWrappersMatch.Yes;
            }

            // user@host asks the client's ident server; @netgroup asks NIS; /file holds more patterns.
            if (word.IndexOf('@') >= 0 || word.StartsWith("/", StringComparison.Ordinal))
            {
                return TcpWrappersMatch.Unknown;
            }

            if (word.StartsWith("[", StringComparison.Ordinal))
            {
                return MatchBracketed(word, address);
            }

            if (word.IndexOf('/') > 0)
            {
                return MatchNetwork(word, address);
            }

            if (word.IndexOfAny(new[] { '*', '?' }) >= 0)
            {
                return Wildcard(word).IsMatch(address.ToString()) ? TcpWrappersMatch.Yes : MaybeHostName(word);
            }

            if (word.EndsWith(".", StringComparison.Ordinal))
            {
                return address.AddressFamily == AddressFamily.InterNetwork && address.ToString().StartsWith(word, StringComparison.Ordinal)
                    ? TcpWrappersMatch.Yes
                    : TcpWrappersMatch.No;
            }

            if (IsAddressLiteral(word, out var literal))
            {
                return literal.Equals(address) ? TcpWrappersMatch.Yes : TcpWrappersMatch.No;
            }

            // Host names, ".domain" suffixes, KNOWN, UNKNOWN, LOCAL and PARANOID depend on what the
            // client's address resolves to.
            return TcpWrappersMatch.Unknown;
        }

        private static TcpWrappersMatch MatchBracketed(string word, IPAddress address)
        {
            var close = word.IndexOf(']');
            if (close < 0)
            {
                return TcpWrappersMatch.No;
            }

            var text = word.Substring(1, close - 1);
            var rest = word.Substring(close + 1);
            var spec = rest.Length == 0 ? text : rest.StartsWith("/", StringComparison.Ordinal) ? text + rest : null;
            return spec != null && IPPrefix.TryParse(spec, out var prefix) && prefix.Family == AddressFamily.InterNetworkV6
                ? (address.AddressFamily == AddressFamily.InterNetworkV6 && prefix.Contains(address) ? TcpWrappersMatch.Yes : TcpWrappersMatch.No)
                : TcpWrappersMatch.No;
        }

        // n.n.n.n/m.m.m.m, or n.n.n.n/len.
        private static TcpWrappersMatch MatchNetwork(string word, IPAddress address)
        {
            var slash = word.IndexOf('/');
            var network = word.Substring(0, slash);
            var mask = word.Substring(slash + 1);
            if (mask.IndexOf('.') >= 0)
            {
                if (!IPAddress.TryParse(mask, out var maskAddress) || maskAddress.AddressFamily != AddressFamily.InterNetwork)
                {
                    return TcpWrappersMatch.No;
                }

                var length = MaskLength(maskAddress.GetAddressBytes());
                if (length < 0)
                {
                    return TcpWrappersMatch.No;
                }

                mask = length.ToString(CultureInfo.InvariantCulture);
            }

            return IPPrefix.TryParse(network + "/" + mask, out var prefix) && prefix.Family == AddressFamily.InterNetwork
                ? (address.AddressFamily == AddressFamily.InterNetwork && prefix.Contains(address) ? TcpWrappersMatch.Yes : TcpWrappersMatch.No)
                : TcpWrappersMatch.No;
        }

        // The length of a contiguous mask; -1 for a mask with holes, which this reading does not take.
        private static int MaskLength(byte[] mask)
        {
            var bits = (uint)((mask[0] << 24) | (mask[1] << 16) | (mask[2] << 8) | mask[3]);
            var length = 0;
            while (length < 32 && (bits & (0x80000000u >> length)) != 0)
            {
                length++;
            }

            return length == 32 || (bits << length) == 0 ? length : -1;
        }

        // Only a full dotted quad or an IPv6 address: .NET would also read "10" as 0.0.0.10.
        private static bool IsAddressLiteral(string word, out IPAddress literal) =>
            IPAddress.TryParse(word, out literal!) &&
            (word.IndexOf(':') >= 0 ? literal.AddressFamily == AddressFamily.InterNetworkV6 : word.Count(c => c == '.') == 3 && word.All(c => c == '.' || (c >= '0' && c <= '9')));

        private static TcpWrappersMatch MaybeHostName(string word) =>
            word.Any(char.IsLetter) ? TcpWrappersMatch.Unknown : TcpWrappersMatch.No;

        private static Regex Wildcard(string word) =>
            new Regex("^" + Regex.Escape(word).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private static bool IsAll(string word) => string.Equals(word, "ALL", StringComparison.OrdinalIgnoreCase);
    }
}
