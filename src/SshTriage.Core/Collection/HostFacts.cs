using System;
using System.Collections.Generic;
using System.Globalization;

namespace SshTriage.Collection
{
    /// <summary>Who and when the collector ran as, from its meta section.</summary>
    public sealed class HostFacts
    {
        private HostFacts(string? hostName, int? userId, string? userName, DateTimeOffset? collectedAt, TimeSpan? utcOffset, string? operatingSystem)
        {
            UtcOffset = utcOffset;
            HostName = hostName;
            UserId = userId;
            UserName = userName;
            CollectedAt = collectedAt;
            OperatingSystem = operatingSystem;
        }

        /// <summary>The server's own host name.</summary>
        public string? HostName { get; }

        /// <summary>The uid the collector ran as.</summary>
        public int? UserId { get; }

        /// <summary>The user the collector ran as.</summary>
        public string? UserName { get; }

        /// <summary>The server's clock when the collector ran.</summary>
        public DateTimeOffset? CollectedAt { get; }

        /// <summary>The server's offset from UTC (date +%z), for log stamps without a zone.</summary>
        public TimeSpan? UtcOffset { get; }

        /// <summary>The server's clock in its own zone, when known.</summary>
        public DateTimeOffset? LocalNow => CollectedAt.HasValue && UtcOffset.HasValue ? CollectedAt.Value.ToOffset(UtcOffset.Value) : CollectedAt;

        /// <summary>uname -sr.</summary>
        public string? OperatingSystem { get; }

        /// <summary>True when the collector ran as root.</summary>
        public bool IsRoot => UserId == 0;

        /// <summary>Reads the key=value lines of the meta section.</summary>
        public static HostFacts Parse(string output)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in output.Split('\n'))
            {
                var equals = line.IndexOf('=');
                if (equals > 0)
                {
                    values[line.Substring(0, equals)] = line.Substring(equals + 1).Trim();
                }
            }

            string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
            return new HostFacts(
                Get("hostname"),
                int.TryParse(Get("uid"), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : (int?)null,
                Get("user"),
                DateTimeOffset.TryParse(Get("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTimeOffset?)null,
                ParseOffset(Get("offset")),
                Get("os"));
        }

        // date +%z prints +hhmm or -hhmm.
        private static TimeSpan? ParseOffset(string? text)
        {
            if (text == null || text.Length != 5 || (text[0] != '+' && text[0] != '-')
                || !int.TryParse(text.Substring(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(text.Substring(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return null;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            return text[0] == '-' ? offset.Negate() : offset;
        }
    }
}
