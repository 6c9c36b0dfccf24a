using System.Collections.Generic;
using System.Text.RegularExpressions;
using SshTriage.Probing;
using SshTriage.Text;

namespace SshTriage.Remote
{
    /// <summary>One hop of a -JumpHost list: [user@]host[:port], an IPv6 address in brackets.</summary>
    public sealed class JumpHop
    {
        private static readonly Regex HopPattern = new Regex(@"^(?:(?<user>[^@]+)@)?(?:\[(?<v6>[^\]]+)\]|(?<host>[^:\[\]]+))(?::(?<port>[0-9]{1,5}))?$", RegexOptions.CultureInvariant);

        private JumpHop(string? userName, string host, int? port)
        {
            UserName = userName;
            Host = host;
            Port = port;
        }

        /// <summary>The login name for the hop, or null for the transport's default.</summary>
        public string? UserName { get; }

        /// <summary>The hop's host name or address (without brackets).</summary>
        public string Host { get; }

        /// <summary>The hop's port, or null for 22.</summary>
        public int? Port { get; }

        /// <summary>
        /// Reads a comma-separated list of hops; false when one is malformed, has a user name that
        /// <paramref name="isUserName"/> refuses, a port outside 1-65535 or an invalid host.
        /// </summary>
        public static bool TryParseList(string text, System.Func<string, bool> isUserName, out IReadOnlyList<JumpHop> hops)
        {
            var list = new List<JumpHop>();
            hops = list;
            foreach (var part in text.Split(','))
            {
                var match = HopPattern.Match(part);
                if (!match.Success)
                {
                    return false;
                }

                var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value;
                var user = match.Groups["user"].Success ? match.Groups["user"].Value : null;
                int? port = null;
                if (match.Groups["port"].Success)
                {
                    if (!AsciiNumber.TryParseInt32(match.Groups["port"].Value, out var number) || number < 1 || number > 65535)
                    {
                        return false;
                    }

                    port = number;
                }

                if ((user != null && !isUserName(user)) || !ComputerNameParser.TryParse(host, out _, out _))
                {
                    return false;
                }

                list.Add(new JumpHop(user, host, port));
            }

            return true;
        }
    }
}
