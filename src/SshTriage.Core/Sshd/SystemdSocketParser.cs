using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SshTriage.Sshd
{
    /// <summary>One socket unit's listening address from <c>systemctl list-sockets --all --no-legend --full</c>.</summary>
    public sealed class SystemdSocket
    {
        internal SystemdSocket(string listen, string unit, string activates)
        {
            Listen = listen;
            Unit = unit;
            Activates = activates;
        }

        /// <summary>What the unit listens on, e.g. [::]:22 or 0.0.0.0:2222.</summary>
        public string Listen { get; }

        /// <summary>The socket unit, e.g. ssh.socket.</summary>
        public string Unit { get; }

        /// <summary>The service it starts, e.g. ssh.service or sshd@.service.</summary>
        public string Activates { get; }
    }

    /// <summary>Reads systemd's socket list: LISTEN, UNIT and ACTIVATES columns.</summary>
    public static class SystemdSocketParser
    {
        private static readonly Regex Line = new Regex(@"^(?<listen>\S+)\s+(?<unit>\S+\.socket)\s*(?<activates>.*)$", RegexOptions.CultureInvariant);

        /// <summary>Parses the list; lines that are not a socket unit are ignored.</summary>
        public static IReadOnlyList<SystemdSocket> Parse(string output)
        {
            var sockets = new List<SystemdSocket>();
            foreach (var raw in output.Split('\n'))
            {
                var match = Line.Match(raw.Trim());
                if (match.Success)
                {
                    sockets.Add(new SystemdSocket(match.Groups["listen"].Value, match.Groups["unit"].Value, match.Groups["activates"].Value.Trim()));
                }
            }

            return sockets;
        }
    }
}
