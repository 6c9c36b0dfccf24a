using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SshTriage.Server
{
    /// <summary>
    /// Reads sshd log lines in the formats servers write them: traditional syslog
    /// ("Nov 21 13:49:34 host sshd[123]: ..."), RFC 3339 syslog and journalctl short-iso
    /// ("2026-11-21T13:49:34.123456+00:00 host sshd[123]: ..."), from sshd and from OpenSSH
    /// 9.8+'s sshd-session and sshd-auth.
    /// </summary>
    public static class SshLogParser
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

        private static readonly Regex Prefix = new Regex(
            @"^(?:(?<iso>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)|(?<bsd>[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d))\s+(?<host>\S+)\s+(?<program>sshd(?:-session|-auth)?)\[(?<pid>\d+)\]:\s?(?<message>.*)$",
            Options);

        private const string Addr = @"(?<addr>[0-9A-Fa-f:.]+)";
        private const string AddrPort = Addr + @" port (?<port>\d+)";

        // Ordered: the first pattern that matches decides the kind.
        private static readonly (SshLogEventKind Kind, Regex Pattern)[] Patterns =
        {
            (SshLogEventKind.Accepted, new Regex(@"^Accepted (?<method>\S+) for (?<user>\S+) from " + AddrPort, Options)),
            (SshLogEventKind.Failed, new Regex(@"^Failed (?<method>\S+) for (?:invalid user )?(?<user>\S+) from " + AddrPort, Options)),
            (SshLogEventKind.InvalidUser, new Regex(@"^Invalid user (?<user>\S*) from " + AddrPort, Options)),
            (SshLogEventKind.NotAllowed, new Regex(@"^User (?<user>\S+) from " + Addr + @" not allowed because ", Options)),
            (SshLogEventKind.RefusedByConfig, new Regex(@"^administratively prohibited connection for (?<user>\S+) from " + AddrPort, Options)),
            (SshLogEventKind.RefusedConnect, new Regex(@"^refused connect from \S+ \(" + Addr + @"\)", Options)),
            (SshLogEventKind.MaxStartupsDrop, new Regex(@"^drop connection #\d+ from \[" + Addr + @"\]:(?<port>\d+) on \[[^\]]*\]:\d+ (?:past )?Max[Ss]tartups", Options)),
            (SshLogEventKind.PenaltyDrop, new Regex(@"^drop connection #\d+ from \[" + Addr + @"\]:(?<port>\d+) on \[[^\]]*\]:\d+ penalty", Options)),
            (SshLogEventKind.TooManyAuthFailures, new Regex(@"^(?:error: )?maximum authentication attempts exceeded for (?:invalid user )?(?<user>\S+) from " + AddrPort, Options)),
            (SshLogEventKind.TooManyAuthFailures, new Regex(@"^Disconnecting (?:authenticating|invalid) user (?<user>\S+) " + AddrPort + @": Too many authentication failures", Options)),
            (SshLogEventKind.ConnectionFrom, new Regex(@"^Connection from " + AddrPort, Options)),
            (SshLogEventKind.ConnectionClosed, new Regex(@"^Connection closed by (?:(?:authenticating|invalid) user (?<user>\S+) )?" + AddrPort, Options)),
            (SshLogEventKind.ConnectionClosed, new Regex(@"^Connection (?:reset|closed) by " + AddrPort, Options)),
            (SshLogEventKind.Disconnected, new Regex(@"^Disconnected from (?:(?:user|authenticating user|invalid user) (?<user>\S+) )?" + AddrPort, Options)),
            (SshLogEventKind.Disconnected, new Regex(@"^Received disconnect from " + AddrPort, Options)),
        };

        /// <summary>Parses sshd lines; lines of other programs and lines that are not log lines are skipped.</summary>
        /// <param name="computerName">The server the log came from; null takes the host name each line names.</param>
        /// <param name="text">The log text.</param>
        /// <param name="source">Where it was read (journal, a path).</param>
        /// <param name="now">The server's current time, to place year-less syslog stamps.</param>
        public static IEnumerable<SshLogEvent> Parse(string? computerName, string text, string source, DateTimeOffset now)
        {
            foreach (var raw in text.Split('\n'))
            {
                var match = Prefix.Match(raw.TrimEnd('\r'));
                if (!match.Success)
                {
                    continue;
                }

                var message = match.Groups["message"].Value;
                var time = match.Groups["iso"].Success ? ParseIso(match.Groups["iso"].Value) : ParseBsd(match.Groups["bsd"].Value, now);
                yield return Classify(computerName ?? match.Groups["host"].Value, time, message, source, match);
            }
        }

        private static SshLogEvent Classify(string computerName, DateTimeOffset? time, string message, string source, Match prefix)
        {
            var body = message.EndsWith(" [preauth]", StringComparison.Ordinal) ? message.Substring(0, message.Length - 10) : message;
            foreach (var (kind, pattern) in Patterns)
            {
                var match = pattern.Match(body);
                if (!match.Success)
                {
                    continue;
                }

                var logEvent = New(computerName, time, kind, message, source, prefix);
                if (match.Groups["addr"].Success && IPAddress.TryParse(match.Groups["addr"].Value, out var address))
                {
                    logEvent.Address = address;
                }

                if (match.Groups["port"].Success)
                {
                    logEvent.Port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                }

                logEvent.User = match.Groups["user"].Success && match.Groups["user"].Value.Length > 0 ? match.Groups["user"].Value : null;
                logEvent.Method = match.Groups["method"].Success ? match.Groups["method"].Value : null;
                return logEvent;
            }

            return New(computerName, time, SshLogEventKind.Other, message, source, prefix);
        }

        private static SshLogEvent New(string computerName, DateTimeOffset? time, SshLogEventKind kind, string message, string source, Match prefix) =>
            new SshLogEvent(computerName, time, kind, message, source)
            {
                Program = prefix.Groups["program"].Value,
                ProcessId = int.Parse(prefix.Groups["pid"].Value, CultureInfo.InvariantCulture),
            };

        private static DateTimeOffset? ParseIso(string text)
        {
            // journalctl short-iso writes +0000 without a colon.
            var normalised = Regex.Replace(text, @"([+-]\d\d)(\d\d)$", "$1:$2");
            return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTimeOffset?)null;
        }

        // Traditional syslog has no year and no zone: read it in the server's offset and take the
        // latest year that does not put the line in the future.
        private static DateTimeOffset? ParseBsd(string text, DateTimeOffset now)
        {
            var compact = Regex.Replace(text, " +", " ");
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
