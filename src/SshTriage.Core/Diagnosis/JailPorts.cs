using System;
using System.Globalization;

namespace SshTriage.Diagnosis
{
    /// <summary>Reads a Fail2Ban action's port setting: names, numbers, ranges (a:b) and lists.</summary>
    public static class JailPorts
    {
        /// <summary>
        /// True when <paramref name="ports"/> (e.g. "ssh", "22,2222", "0:65535") includes
        /// <paramref name="port"/>. Service names other than ssh and unknown settings count as
        /// covering it: only a definite mismatch is reported.
        /// </summary>
        public static bool Covers(string? ports, int port)
        {
            if (string.IsNullOrWhiteSpace(ports))
            {
                return true;
            }

            foreach (var raw in ports!.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var part = raw.Trim();
                var colon = part.IndexOf(':');
                if (colon > 0 && int.TryParse(part.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                    && int.TryParse(part.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var high))
                {
                    if (port >= low && port <= high)
                    {
                        return true;
                    }
                }
                else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
                {
                    if (single == port)
                    {
                        return true;
                    }
                }
                else if (part == "ssh")
                {
                    if (port == 22)
                    {
                        return true;
                    }
                }
                else
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The port a check of the jail's firewall uses for a new connection: 22 when
        /// <paramref name="ports"/> covers it (the ssh jails), else the first port it names.
        /// </summary>
        public static int Representative(string? ports)
        {
            if (Covers(ports, 22))
            {
                return 22;
            }

            foreach (var part in ports!.Split(new[] { ',', ' ', ':' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    return port;
                }
            }

            return 22;
        }
    }
}
