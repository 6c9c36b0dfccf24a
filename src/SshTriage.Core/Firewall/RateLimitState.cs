using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace SshTriage.Firewall
{
    /// <summary>
    /// The rate limits' state from <see cref="FirewallSections.RateLimits"/>: each -m recent
    /// list (/proc/net/xt_recent/NAME: one line per source, its hit time stamps in jiffies) and
    /// each hashlimit table (/proc/net/ipt_hashlimit/NAME: one line per source, its credit, the
    /// credit cap and the cost of one packet), and the kernel clock that dates them.
    /// </summary>
    internal sealed class RateLimitState
    {
        // Kernel HZ values: jiffies per second.
        private static readonly int[] KnownHz = { 100, 250, 300, 1000 };

        private RateLimitState(long? jiffies, int? hz, IReadOnlyDictionary<string, IReadOnlyList<RecentEntry>> recent, IReadOnlyDictionary<string, IReadOnlyList<HashlimitEntry>> hashlimit)
        {
            Jiffies = jiffies;
            Hz = hz;
            Recent = recent;
            Hashlimit = hashlimit;
        }

        /// <summary>The kernel's jiffies when the lists were read; null when unknown (not root).</summary>
        public long? Jiffies { get; }

        /// <summary>Jiffies per second, from jiffies and uptime; null when they could not tell.</summary>
        public int? Hz { get; }

        /// <summary>-m recent lists by name.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<RecentEntry>> Recent { get; }

        /// <summary>hashlimit tables by name.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<HashlimitEntry>> Hashlimit { get; }

        /// <summary>Reads the section's output.</summary>
        public static RateLimitState Parse(string output)
        {
            long? jiffies = null;
            double? uptime = null;
            var recent = new Dictionary<string, List<RecentEntry>>(StringComparer.Ordinal);
            var hashlimit = new Dictionary<string, List<HashlimitEntry>>(StringComparer.Ordinal);
            List<RecentEntry>? recentList = null;
            List<HashlimitEntry>? hashList = null;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("jiffies=", StringComparison.Ordinal))
                {
                    jiffies = long.TryParse(line.Substring(8), NumberStyles.None, CultureInfo.InvariantCulture, out var j) ? j : (long?)null;
                }
                else if (line.StartsWith("uptime=", StringComparison.Ordinal))
                {
                    uptime = double.TryParse(line.Substring(7), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var u) ? u : (double?)null;
                }
                else if (line.StartsWith("@@sst list ", StringComparison.Ordinal))
                {
                    var path = line.Substring(11);
                    var name = path.Substring(path.LastIndexOf('/') + 1);
                    recentList = null;
                    hashList = null;
                    if (path.IndexOf("/xt_recent/", StringComparison.Ordinal) >= 0)
                    {
                        recent[name] = recentList = new List<RecentEntry>();
                    }
                    else
                    {
                        hashlimit[name] = hashList = new List<HashlimitEntry>();
                    }
                }
                else if (recentList != null && RecentEntry.TryParse(line) is RecentEntry entry)
                {
                    recentList.Add(entry);
                }
                else if (hashList != null && HashlimitEntry.TryParse(line) is HashlimitEntry limit)
                {
                    hashList.Add(limit);
                }
            }

            return new RateLimitState(
                jiffies,
                EstimateHz(jiffies, uptime),
                recent.ToDictionary(p => p.Key, p => (IReadOnlyList<RecentEntry>)p.Value, StringComparer.Ordinal),
                hashlimit.ToDictionary(p => p.Key, p => (IReadOnlyList<HashlimitEntry>)p.Value, StringComparer.Ordinal));
        }

        // A 64-bit kernel starts jiffies at 2^32 - 300 HZ (INITIAL_JIFFIES), so
        // jiffies - 2^32 = (uptime - 300) HZ: the nearest known HZ. Too early after boot to tell: null.
        private static int? EstimateHz(long? jiffies, double? uptime)
        {
            if (jiffies == null || uptime == null || uptime < 600)
            {
                return null;
            }

            var hz = (jiffies.Value - 4294967296L) / (uptime.Value - 300);
            var nearest = KnownHz.OrderBy(k => Math.Abs(k - hz)).First();
            return Math.Abs(nearest - hz) < nearest * 0.05 ? nearest : (int?)null;
        }
    }

    /// <summary>One source in an -m recent list: "src=ADDR ttl: N last_seen: J oldest_pkt: I J1, J2, ...".</summary>
    internal sealed class RecentEntry
    {
        private RecentEntry(IPAddress source, IReadOnlyList<long> stamps)
        {
            Source = source;
            Stamps = stamps;
        }

        /// <summary>The source address.</summary>
        public IPAddress Source { get; }

        /// <summary>The hits' time stamps, in jiffies.</summary>
        public IReadOnlyList<long> Stamps { get; }

        /// <summary>Reads one line; null when it is not one.</summary>
        public static RecentEntry? TryParse(string line)
        {
            var words = line.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || !words[0].StartsWith("src=", StringComparison.Ordinal) || !IPAddress.TryParse(words[0].Substring(4), out var source))
            {
                return null;
            }

            var oldest = Array.IndexOf(words, "oldest_pkt:");
            var stamps = new List<long>();
            for (var i = oldest + 2; oldest >= 0 && i < words.Length; i++)
            {
                if (long.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
                {
                    stamps.Add(stamp);
                }
            }

            return new RecentEntry(source, stamps);
        }
    }

    /// <summary>One source in a hashlimit table: "SECONDS_LEFT SRC:PORT->DST:PORT CREDIT CREDIT_CAP COST".</summary>
    internal sealed class HashlimitEntry
    {
        private HashlimitEntry(IPAddress source, decimal credit, decimal cap, decimal cost)
        {
            Source = source;
            Credit = credit;
            Cap = cap;
            Cost = cost;
        }

        /// <summary>The source address (0.0.0.0 or :: when the table is not keyed by source).</summary>
        public IPAddress Source { get; }

        /// <summary>The credit left when the table was read.</summary>
        public decimal Credit { get; }

        /// <summary>The most credit a source can save up (the burst).</summary>
        public decimal Cap { get; }

        /// <summary>The credit one packet costs: with less than this left, the source is over the limit.</summary>
        public decimal Cost { get; }

        /// <summary>Reads one line; null when it is not one.</summary>
        public static HashlimitEntry? TryParse(string line)
        {
            var words = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 5)
            {
                return null;
            }

            var arrow = words[1].IndexOf("->", StringComparison.Ordinal);
            var from = arrow < 0 ? string.Empty : words[1].Substring(0, arrow);
            var colon = from.LastIndexOf(':');
            var address = colon < 0 ? from : from.Substring(0, colon).Trim('[', ']');
            return IPAddress.TryParse(address, out var source)
                && decimal.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var credit)
                && decimal.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var cap)
                && decimal.TryParse(words[4], NumberStyles.None, CultureInfo.InvariantCulture, out var cost)
                ? new HashlimitEntry(source, credit, cap, cost)
                : null;
        }
    }
}
