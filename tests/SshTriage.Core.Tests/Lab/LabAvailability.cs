using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SshTriage.Tests.Lab
{
    /// <summary>Decides once whether the namespace lab can run here, and if not, why.</summary>
    internal static class LabAvailability
    {
        private static readonly string[] RequiredTools = { "ip", "nsenter", "unshare", "sshd", "ssh-keygen", "nft", "iptables", "python3" };
        private static readonly Lazy<string?> Reason = new Lazy<string?>(FindReason);

        /// <summary>Null when the lab can run; otherwise the reason it cannot.</summary>
        public static string? SkipReason => Reason.Value;

        private static string? FindReason()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return "The lab needs Linux network namespaces.";
            }

            if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            {
                return "The lab needs root (network and mount namespaces); run the tests as root to include it.";
            }

            var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(new[] { "/usr/sbin", "/sbin" }).ToArray();
            var missing = RequiredTools.Where(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool)))).ToArray();
            if (missing.Length > 0)
            {
                return $"The lab needs {string.Join(", ", missing)}: install the Debian packages that .ci/run lists.";
            }

            return null;
        }
    }

    /// <summary>A fact that runs only where the lab can run, and says why it is skipped elsewhere.</summary>
    internal sealed class LabFactAttribute : Xunit.FactAttribute
    {
        public LabFactAttribute() => Skip = LabAvailability.SkipReason;
    }

    /// <summary>A theory that runs only where the lab can run.</summary>
    internal sealed class LabTheoryAttribute : Xunit.TheoryAttribute
    {
        public LabTheoryAttribute() => Skip = LabAvailability.SkipReason;
    }
}
