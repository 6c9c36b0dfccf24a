using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SshTriage.Text;

namespace SshTriage.Sshd
{
    /// <summary>
    /// Reads sshd log lines in the formats servers write them: traditional syslog
    /// ("Nov 21 13:49:34 host sshd[123]: ..."), RFC 3339 syslog and journalctl short-iso
    /// ("2026-11-21T13:49:34.123456+00:00 host sshd[123]: ..."), from sshd and from OpenSSH
    /// 9.8+'s sshd-session and sshd-auth.
    /// </summary>
    /// <remarks>
    /// A client chooses its user name, spaces and all, and sshd logs it verbatim, so a name such
    /// as "x from 198.51.100.66 port 1" puts a second address into the line. sshd cuts a user
    /// name at its first colon (what follows is a BSD auth style), so the name it logs never
    /// holds one, while what sshd writes after the peer does (": " and a key's fingerprint,
    /// which may carry a certificate's key id, chosen by the client too). So the user name is
    /// the text without a colon, as long as the rest still reads as sshd's own tail: the peer
    /// is the last address before the first colon that sshd wrote, anchored on what sshd
    /// writes after it (" ssh2", " [preauth]", the end of the line).
    /// </remarks>
    public static class SshLogParser
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

        // sshd formats a log message into a 1024-byte buffer; a longer one was not written by sshd.
        private const int MaxMessageLength = 2048;

        // A traditional or ISO stamp (a day of one digit padded or not), the host name when the
        // syslog daemon writes one, the facility.priority busybox syslogd writes, then "sshd[pid]:".
        private static readonly Regex Prefix = new Regex(
            @"^(?:(?<iso>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)|(?<bsd>[A-Z][a-z]{2} {1,2}[0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2}))\s+(?:(?<host>\S+)\s+)??(?:[a-z0-9]+\.[a-z]+\s+)?(?<program>sshd(?:-session|-auth)?)\[(?<pid>[0-9]+)\]:\s?(?<message>.*)$",
            Options);

        // RFC 5424 (rsyslog's RSYSLOG_SyslogProtocol23Format, syslog-ng's IETF format): PRI and
        // version, stamp, host, app name, proc id, msg id, structured data (nil or elements), message.
        private static readonly Regex Prefix5424 = new Regex(
            @"^(?:<[0-9]{1,3}>)?1 (?<iso>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})) (?<host>\S+) (?<program>sshd(?:-session|-auth)?) (?<pid>[0-9]+) \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: \uFEFF?(?<message>.*))?$",
            Options);

        private static readonly Regex IsoOffset = new Regex("([+-][0-9]{2})([0-9]{2})$", Options);

        // An address literal always holds a dot or a colon: a bare number after a user name is not one.
        private const string Addr = @"(?<addr>[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*(?:%[0-9A-Za-z_.-]+)?)";
        // sshd before 7.5 wrote some lines (Invalid user, Connection closed) without the port.
        private const string AddrPort = Addr + @"(?: port (?<port>[0-9]+))?";

        // A user name as sshd logs it: anything but a colon (see the remarks).
        private const string User = "(?<user>[^:]*)";

        // Ordered: the first pattern that matches decides the kind.
        private static readonly (SshLogEventKind Kind, Regex Pattern)[] Patterns =
        {
            (SshLogEventKind.Accepted, Auth("Accepted")),
            (SshLogEventKind.Failed, Auth("Failed")),
            (SshLogEventKind.InvalidUser, new Regex("^Invalid user " + User + " from " + AddrPort + "$", Options)),
            (SshLogEventKind.NotAllowed, new Regex(@"^User (?<user>\S+) from " + Addr + " not allowed because ", Options)),

            // The account's own state (locked, shell missing): no address in the line; the process's "Connection from" gives it.
            (SshLogEventKind.NotAllowed, new Regex(@"^User (?<user>\S+) not allowed because (?:account is locked|shell \S+ (?:does not exist|is not executable)|account has expired)$", Options)),
            (SshLogEventKind.RefusedByConfig, new Regex("^administratively prohibited connection for (?:invalid user )?" + User + " from " + AddrPort + "$", Options)),

            // libwrap names the client by its reverse DNS name, which the client's owner chooses.
            (SshLogEventKind.RefusedConnect, new Regex(@"^refused connect from .* \(" + Addr + @"\)$", Options)),
            (SshLogEventKind.MaxStartupsDrop, new Regex(@"^drop connection #[0-9]+ from \[" + Addr + @"\]:(?<port>[0-9]+) on \[[^\]]*\]:[0-9]+ (?:past )?Max[Ss]tartups", Options)),
            (SshLogEventKind.PenaltyDrop, new Regex(@"^drop connection #[0-9]+ from \[" + Addr + @"\]:(?<port>[0-9]+) on \[[^\]]*\]:[0-9]+ penalty", Options)),
            (SshLogEventKind.TooManyAuthFailures, new Regex("^(?:error: )?maximum authentication attempts exceeded for (?:invalid user )?" + User + " from " + AddrPort + " ssh2$", Options)),
            (SshLogEventKind.TooManyAuthFailures, new Regex("^Disconnecting (?:authenticating|invalid) user " + User + " " + AddrPort + ": Too many authentication failures$", Options)),
            (SshLogEventKind.ConnectionFrom, new Regex("^Connection from " + AddrPort + @" on \S+ port [0-9]+(?: rdomain "".*"")?$", Options)),
            (SshLogEventKind.ConnectionClosed, new Regex("^Connection (?:closed|reset) by (?:(?:authenticating|invalid) user " + User + " )?" + AddrPort + "$", Options)),
            (SshLogEventKind.Disconnected, new Regex("^Disconnected from (?:(?:user|authenticating user|invalid user) " + User + " )?" + AddrPort + "$", Options)),

            (SshLogEventKind.NegotiationFailed, new Regex("^Unable to negotiate with " + AddrPort + @": no matching (?<what>[a-z ]+) found\. Their offer: (?<offer>\S+)$", Options)),
            (SshLogEventKind.RootLoginRefused, new Regex("^ROOT LOGIN REFUSED FROM " + Addr + "(?: port (?<port>[0-9]+))?$", Options)),
            (SshLogEventKind.BadModes, new Regex("^Authentication refused: bad ownership or modes for (?:directory|file) (?<path>/.*)$", Options)),
            (SshLogEventKind.AccountExpired, new Regex(@"^Account (?<user>\S+) has expired$", Options)),
            (SshLogEventKind.KeyTypeRejected, new Regex(@"^userauth_pubkey: (?:key type|signature algorithm) (?<algorithm>\S+) not in PubkeyAcceptedAlgorithms$", Options)),
            (SshLogEventKind.LoginGraceTimeout, new Regex("^Timeout before authentication for " + AddrPort + "$", Options)),

            // OpenSSH 9.8+: the listener, not the session, says it, with the session's pid.
            (SshLogEventKind.LoginGraceTimeout, new Regex("^Timeout before authentication for connection from " + Addr + @" to \S+, pid = [0-9]+$", Options)),
            (SshLogEventKind.NoIdentification, new Regex("^Did not receive identification string from " + AddrPort + "$", Options)),
            (SshLogEventKind.BannerExchangeFailed, new Regex("^banner exchange: Connection from " + AddrPort + ": ", Options)),

            // The client writes the text after the code, so here the peer is the first address.
            (SshLogEventKind.Disconnected, new Regex("^Received disconnect from " + AddrPort + ":[0-9]+: ", Options)),
        };

        // What follows " ssh2: " is sshd's (a key's type and fingerprint, or an old sshd's auth info).
        private static Regex Auth(string result) =>
            new Regex("^" + result + @" (?<method>\S+) for (?:invalid user )?" + User + " from " + AddrPort + "(?: ssh[12](?:: .*)?)?$", Options);

        /// <summary>Parses sshd lines; lines of other programs and lines that are not log lines are skipped.</summary>
        /// <param name="computerName">The server the log came from; null takes the host name each line names.</param>
        /// <param name="text">The log text.</param>
        /// <param name="source">Where it was read (journal, a path).</param>
        /// <param name="now">The server's current time, to place year-less syslog stamps.</param>
        public static IEnumerable<SshLogEvent> Parse(string? computerName, string text, string source, DateTimeOffset now) =>
            Parse(computerName, TextLines.Of(text), source, now);

        /// <summary>Parses sshd lines read one at a time, as from a log file.</summary>
        public static IEnumerable<SshLogEvent> Parse(string? computerName, IEnumerable<string> lines, string source, DateTimeOffset now)
        {
            // Some lines name no peer ("Authentication refused: bad ownership ..."); the process that
            // wrote them serves one connection, whose "Connection from" line sshd wrote first.
            var peers = new Dictionary<(string Host, int Pid), (IPAddress Address, int? Port)>();
            foreach (var raw in lines)
            {
                if (raw.Length > MaxMessageLength + 256)
                {
                    continue;
                }

                var line = raw.TrimEnd('\r');
                var match = Prefix.Match(line);
                if (!match.Success)
                {
                    match = Prefix5424.Match(line);
                    if (!match.Success)
                    {
                        continue;
                    }
                }

                var message = match.Groups["message"].Value;
                var time = match.Groups["iso"].Success ? ParseIso(match.Groups["iso"].Value) : ParseBsd(match.Groups["bsd"].Value, now);
                // A line without a host name was written on the server it was read from.
                yield return Classify(computerName ?? (match.Groups["host"].Success ? match.Groups["host"].Value : Environment.MachineName), time, message, source, match, peers);
            }
        }

        private static SshLogEvent Classify(string computerName, DateTimeOffset? time, string message, string source, Match prefix, Dictionary<(string Host, int Pid), (IPAddress Address, int? Port)> peers)
        {
            var (kind, match) = Kind(message);
            var (address, port) = match == null ? (null, null) : Peer(match);
            var processId = AsciiNumber.TryParseInt32(prefix.Groups["pid"].Value, out var pid) ? pid : (int?)null;
            if (processId != null)
            {
                var key = (computerName, pid);
                if (kind == SshLogEventKind.ConnectionFrom && address != null)
                {
                    peers[key] = (address, port);
                }
                else if (address == null && peers.TryGetValue(key, out var peer))
                {
                    (address, port) = peer;
                }
            }

            return new SshLogEvent(computerName, time, kind, message, source)
            {
                Address = address,
                Port = port,
                User = match != null && match.Groups["user"].Success && match.Groups["user"].Value.Length > 0 ? match.Groups["user"].Value : null,
                Method = match != null && match.Groups["method"].Success ? match.Groups["method"].Value : null,
                Program = prefix.Groups["program"].Value,
                ProcessId = processId,
            };
        }

        // The first pattern that matches the message decides the kind; none makes it Other.
        private static (SshLogEventKind Kind, Match? Match) Kind(string message)
        {
            var body = message.EndsWith(" [preauth]", StringComparison.Ordinal) ? message.Substring(0, message.Length - 10) : message;
            if (body.Length <= MaxMessageLength)
            {
                foreach (var (kind, pattern) in Patterns)
                {
                    var match = pattern.Match(body);
                    if (match.Success)
                    {
                        return (kind, match);
                    }
                }
            }

            return (SshLogEventKind.Other, null);
        }

        // sshd writes an address it parsed and a port below 65536; anything else in that place
        // is not sshd's, so neither is kept.
        private static (IPAddress? Address, int? Port) Peer(Match match)
        {
            if (!IPAddress.TryParse(match.Groups["addr"].Value, out var address))
            {
                return (null, null);
            }

            int? port = null;
            if (match.Groups["port"].Success)
            {
                if (!AsciiNumber.TryParseInt32(match.Groups["port"].Value, out var number) || number > 65535)
                {
                    return (null, null);
                }

                port = number;
            }

            return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
        }

        private static DateTimeOffset? ParseIso(string text)
        {
            // journalctl short-iso writes +0000 without a colon.
            var normalised = IsoOffset.Replace(text, "$1:$2");
            return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTimeOffset?)null;
        }

        // Traditional syslog has no year and no zone: read it in the server's offset and take the
        // latest year that does not put the line in the future.
        private static DateTimeOffset? ParseBsd(string text, DateTimeOffset now)
        {
            var compact = text.Replace("  ", " ");
            for (var year = now.Year; year >= now.Year - 1; year--)
            {
                if (DateTime.TryParseExact($"{year} {compact}", "yyyy MMM d HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    var stamped = new DateTimeOffset(local, now.Offset);
                    if (stamped <= now.AddDays(1))
                    {
                        return stamped;
                    }
                }
            }

            return null;
        }
    }
}
