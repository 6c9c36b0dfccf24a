using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SshTriage.Evidence;
using SshTriage.Text;

namespace SshTriage.Fail2Ban
{
    /// <summary>Reads fail2ban-client's answers about one jail (Fail2Ban 0.10 to 1.1 print the same shapes).</summary>
    public static class JailParser
    {
        private static readonly Regex StatusLine = new Regex(@"^[\s|`-]*(?<key>[A-Za-z ]+?):\s*(?<value>.*)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex TreeItem = new Regex(@"^[|`]-\s*(?<item>.+)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly char[] FieldSeparators = { ' ', '\t', '\r' };

        private static readonly string[] FirewallActionWords = { "iptables", "ip6tables", "nftables", "ufw", "firewallcmd", "ipset", "shorewall", "route", "pf", "ipfw", "ipfilter", "npf" };

        /// <summary>Builds the jail from its answers; missing answers leave properties empty.</summary>
        public static Fail2BanJail Parse(string computerName, string name, IReadOnlyList<ToolAnswer> answers) => Parse(computerName, name, answers, withBannedIp: true);

        /// <summary>
        /// As <see cref="Parse(string, string, IReadOnlyList{ToolAnswer})"/>; without
        /// <paramref name="withBannedIp"/> the status's list of banned addresses is left unread
        /// (a string for each of a long list, for a reader that takes the timed list instead).
        /// </summary>
        internal static Fail2BanJail Parse(string computerName, string name, IReadOnlyList<ToolAnswer> answers, bool withBannedIp)
        {
            string? Answer(string query) => Answered(answers, query);
            var status = ParseStatus(Answer("status " + name) ?? string.Empty);
            var actions = Actions(Answer($"get {name} actions"));
            var banAction = actions.FirstOrDefault(a => FirewallActionWords.Any(w => a.StartsWith(w, StringComparison.OrdinalIgnoreCase))) ?? actions.FirstOrDefault();
            var files = TreeItems(Answer($"get {name} logpath"));
            var logPath = files.Length > 0 ? files : JournalMatches(Answer($"get {name} journalmatch"));
            if (logPath.Length == 0 && status.TryGetValue("File list", out var fileList))
            {
                logPath = fileList.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            }

            return new Fail2BanJail(computerName, name)
            {
                Port = banAction == null ? null : Answer($"get {name} action {banAction} port")?.Trim(),
                Actions = actions,
                BanAction = banAction,
                CurrentlyFailed = Int(status, "Currently failed"),
                TotalFailed = Int(status, "Total failed"),
                CurrentlyBanned = Int(status, "Currently banned"),
                TotalBanned = Int(status, "Total banned"),
                BannedIp = withBannedIp ? BannedIp(status) : Array.Empty<string>(),
                IgnoreIp = TreeItems(Answer($"get {name} ignoreip")),
                BanTime = Seconds(Answer($"get {name} bantime")),
                FindTime = Seconds(Answer($"get {name} findtime")),
                MaxRetry = AsciiNumber.TryParseInt32(Answer($"get {name} maxretry")?.Trim(), out var retry) ? retry : (int?)null,
                LogPath = logPath,
            };
        }

        /// <summary>
        /// One banned address with its times, from "get JAIL banip --with-time":
        /// "ADDRESS \tSTART + SECONDS = END", read by fields rather than a regex because ban
        /// lists run to hundreds of thousands of lines.
        /// </summary>
        public static IEnumerable<(IPAddress Address, DateTime? BannedAt, DateTime? ExpiresAt)> BansWithTime(string? output) =>
            BansWithTime(new StringText(output ?? string.Empty), 0, output?.Length ?? 0);

        /// <summary>As <see cref="BansWithTime(string?)"/>, from the <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>, read in place.</summary>
        internal static IEnumerable<(IPAddress Address, DateTime? BannedAt, DateTime? ExpiresAt)> BansWithTime<T>(T text, int start, int length)
            where T : IText
        {
            var stop = start + length;
            var fields = new (int Start, int End)[8];
            while (start < stop)
            {
                var newline = text.IndexOf('\n', start, stop - start);
                var end = newline < 0 ? stop : newline;
                if (Ban(text, start, end, fields) is { } ban)
                {
                    yield return ban;
                }

                start = end + 1;
            }
        }

        // The ban on the line from start to end, its first eight fields found in place (into
        // fields, reused from line to line): a string for each field of every line was most of
        // what reading a long ban list allocated.
        [MethodImpl(Optimized.AtOnce)]
        private static (IPAddress Address, DateTime? BannedAt, DateTime? ExpiresAt)? Ban<T>(T line, int start, int end, (int Start, int End)[] fields)
            where T : IText
        {
            var count = 0;
            for (var i = start; i < end && count < fields.Length;)
            {
                if (Array.IndexOf(FieldSeparators, line[i]) >= 0)
                {
                    i++;
                    continue;
                }

                var fieldStart = i;
                while (i < end && Array.IndexOf(FieldSeparators, line[i]) < 0)
                {
                    i++;
                }

                fields[count++] = (fieldStart, i);
            }

            bool Is(int field, char only) => fields[field].End - fields[field].Start == 1 && line[fields[field].Start] == only;
            if (count < fields.Length || !Is(3, '+') || !Is(5, '=')
                || !IPAddress.TryParse(line.Substring(fields[0].Start, fields[0].End - fields[0].Start), out var address))
            {
                return null;
            }

            var permanent = line[fields[4].Start] == '-';
            return (address, LocalTime(line, fields[1], fields[2]), permanent ? null : LocalTime(line, fields[6], fields[7]));
        }

        /// <summary>The "key: value" lines of "status" answers.</summary>
        public static Dictionary<string, string> ParseStatus(string output)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in output.Split('\n'))
            {
                var match = StatusLine.Match(line.TrimEnd('\r'));
                if (match.Success)
                {
                    values[match.Groups["key"].Value.Trim()] = match.Groups["value"].Value.Trim();
                }
            }

            return values;
        }

        /// <summary>The jail names of "fail2ban-client status".</summary>
        public static string[] JailNames(string output) =>
            ParseStatus(output).TryGetValue("Jail list", out var list)
                ? list.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                : Array.Empty<string>();

        // "yyyy-MM-dd" and "HH:mm:ss" read digit by digit: the general parser is the slowest part of a big ban list.
        [MethodImpl(Optimized.AtOnce)]
        private static DateTime? LocalTime<T>(T line, (int Start, int End) date, (int Start, int End) time)
            where T : IText
        {
            int d = date.Start, t = time.Start;
            if (date.End - d != 10 || time.End - t != 8 || line[d + 4] != '-' || line[d + 7] != '-' || line[t + 2] != ':' || line[t + 5] != ':')
            {
                return null;
            }

            int Number(int at, int length)
            {
                var n = 0;
                for (var i = at; i < at + length; i++)
                {
                    var digit = line[i] - '0';
                    if (digit < 0 || digit > 9)
                    {
                        return -1;
                    }

                    n = (n * 10) + digit;
                }

                return n;
            }

            int year = Number(d, 4), month = Number(d + 5, 2), day = Number(d + 8, 2);
            int hour = Number(t, 2), minute = Number(t + 3, 2), second = Number(t + 6, 2);
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return null;
            }

            return new DateTime(year, month, day, hour, minute, second);
        }

        /// <summary>The addresses the jail's status lists as banned.</summary>
        internal static string[] BannedIp(string name, IReadOnlyList<ToolAnswer> answers) =>
            BannedIp(ParseStatus(Answered(answers, "status " + name) ?? string.Empty));

        private static string[] BannedIp(Dictionary<string, string> status) => Words(status, "Banned IP list");

        private static string? Answered(IReadOnlyList<ToolAnswer> answers, string query) =>
            answers.FirstOrDefault(a => a.Query == query && a.ExitCode == 0)?.Output;

        private static int? Int(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var text) && AsciiNumber.TryParseInt32(text, out var n) ? n : (int?)null;

        private static string[] Words(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var text) ? text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();

        private static string[] TreeItems(string? output) =>
            (output ?? string.Empty).Split('\n').Select(l => TreeItem.Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["item"].Value.Trim()).ToArray();

        private static string[] Actions(string? output)
        {
            var lines = (output ?? string.Empty).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return lines.Count < 2 ? Array.Empty<string>() : string.Join(",", lines.Skip(1)).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim()).ToArray();
        }

        private static string[] JournalMatches(string? output)
        {
            var lines = (output ?? string.Empty).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
            return lines.Count >= 2 && lines[0].StartsWith("Current match filter", StringComparison.Ordinal) ? lines.Skip(1).ToArray() : Array.Empty<string>();
        }

        // Fail2Ban prints -1 for "forever"; a number beyond what a TimeSpan holds is not Fail2Ban's.
        private static TimeSpan? Seconds(string? output) =>
            long.TryParse(output?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && Math.Abs(seconds) < (long)TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : (TimeSpan?)null;
    }
}
