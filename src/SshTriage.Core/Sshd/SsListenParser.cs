using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using SshTriage.Text;

namespace SshTriage.Sshd
{
    /// <summary>One listening socket from <c>ss -H -ltnp</c>.</summary>
    public sealed class SsListenEntry
    {
        internal SsListenEntry(string address, string? interfaceName, int port, IReadOnlyList<(string Name, int Pid)> processes)
        {
            Address = address;
            InterfaceName = interfaceName;
            Port = port;
            Processes = processes;
        }

        /// <summary>The local address without brackets: 0.0.0.0, ::, *, or one address.</summary>
        public string Address { get; }

        /// <summary>The interface the socket is bound to (SO_BINDTODEVICE), if any.</summary>
        public string? InterfaceName { get; }

        /// <summary>The port.</summary>
        public int Port { get; }

        /// <summary>The processes that hold the socket; empty when ss could not see them (not root).</summary>
        public IReadOnlyList<(string Name, int Pid)> Processes { get; }
    }

    /// <summary>Reads <c>ss -H -ltnp</c> (iproute2): state, queues, local and peer address, and the users:(...) column.</summary>
    public static class SsListenParser
    {
        private static readonly Regex Line = new Regex(
            @"^(?<state>\S+)\s+[0-9]+\s+[0-9]+\s+(?<local>\S+)\s+(?<peer>\S+)(?:\s+(?<process>.*))?$",
            RegexOptions.CultureInvariant);

        private static readonly Regex User = new Regex(@"\(""(?<name>(?:[^""\\]|\\.)*)"",pid=(?<pid>[0-9]+)", RegexOptions.CultureInvariant);

        /// <summary>Parses every LISTEN line; other lines are ignored.</summary>
        public static IReadOnlyList<SsListenEntry> Parse(string output)
        {
            var entries = new List<SsListenEntry>();
            foreach (var raw in output.Split('\n'))
            {
                var match = Line.Match(raw.Trim());
                if (!match.Success || !string.Equals(match.Groups["state"].Value, "LISTEN", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!TrySplitEndpoint(match.Groups["local"].Value, out var address, out var interfaceName, out var port))
                {
                    continue;
                }

                var processes = new List<(string, int)>();
                foreach (Match user in User.Matches(match.Groups["process"].Value))
                {
                    // A pid that is no number (or too large) is not ss's; the name alone says less than nothing.
                    if (AsciiNumber.TryParseInt32(user.Groups["pid"].Value, out var pid))
                    {
                        processes.Add((user.Groups["name"].Value, pid));
                    }
                }

                entries.Add(new SsListenEntry(address, interfaceName, port, processes));
            }

            return entries;
        }

        /// <summary>Splits ss's "address%interface:port" with IPv6 in brackets.</summary>
        internal static bool TrySplitEndpoint(string endpoint, out string address, out string? interfaceName, out int port)
        {
            address = string.Empty;
            interfaceName = null;
            port = 0;
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !AsciiNumber.TryParseInt32(endpoint.Substring(colon + 1), out port) || port > 65535)
            {
                return false;
            }

            var host = endpoint.Substring(0, colon);
            var percent = host.LastIndexOf('%');
            if (percent > 0 && host.IndexOf(']', percent) < 0)
            {
                interfaceName = host.Substring(percent + 1);
                host = host.Substring(0, percent);
            }

            if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal))
            {
                host = host.Substring(1, host.Length - 2);
            }

            address = host;
            return address.Length > 0;
        }
    }
}
