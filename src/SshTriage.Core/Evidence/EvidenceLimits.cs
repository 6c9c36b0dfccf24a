using System.Globalization;

namespace SshTriage.Evidence
{
    /// <summary>
    /// How much SshTriage reads from one source, so that a file, a device or a compressed bundle
    /// that expands without end is an error that names the limit rather than all of memory.
    /// </summary>
    public static class EvidenceLimits
    {
        /// <summary>
        /// The most a bundle may hold, as a file, as a server's output or once unpacked: 128 MiB,
        /// ten times a bundle of 100,000 firewall rules and as many set elements. Read, it takes
        /// twice that in memory (.NET strings hold two bytes a character).
        /// </summary>
        public const long MaxBundleBytes = 128L * 1024 * 1024;

        /// <summary>The most a log file read with Get-SshLogEvent -Path may be: 1 GiB (it is read a line at a time).</summary>
        public const long MaxLogBytes = 1024L * 1024 * 1024;

        /// <summary>A limit in words, e.g. "256 MiB".</summary>
        public static string Describe(long bytes) =>
            bytes % (1024L * 1024 * 1024) == 0
                ? (bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " GiB"
                : (bytes / (1024L * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB";
    }
}
