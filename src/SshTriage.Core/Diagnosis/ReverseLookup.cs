using System;
using System.Linq;
using SshTriage.Text;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// The server's own reverse lookup of the client (getent hosts ADDRESS), timed in whole seconds
    /// and cut off after <see cref="LimitSeconds"/>: the lookup sshd makes before it answers a login
    /// when UseDNS or GSSAPIAuthentication is yes.
    /// </summary>
    /// <param name="Seconds">How long the lookup took (at most about <see cref="LimitSeconds"/>).</param>
    /// <param name="TimedOut">True when the lookup had not answered when it was cut off.</param>
    /// <param name="Name">The name it found; null when none.</param>
    public sealed record ReverseLookup(int Seconds, bool TimedOut, string? Name)
    {
        /// <summary>How long the collector lets the lookup run: longer than glibc's first try (5 s) at its defaults.</summary>
        public const int LimitSeconds = 6;

        /// <summary>A lookup this slow delays every login noticeably.</summary>
        public const int SlowSeconds = 2;

        /// <summary>True when the lookup held the login up.</summary>
        public bool Slow => TimedOut || Seconds >= SlowSeconds;

        /// <summary>Reads the section's output; null when no lookup ran (sshd does not look the client up) or the output is not the section's.</summary>
        public static ReverseLookup? Parse(string output)
        {
            var lines = output.Replace("\r", string.Empty).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            var last = lines.LastOrDefault()?.Split(' ');
            if (last == null || last.Length != 2 || !last[0].StartsWith("seconds=", StringComparison.Ordinal) || !last[1].StartsWith("exit=", StringComparison.Ordinal)
                || !AsciiNumber.TryParseInt32(last[0].Substring("seconds=".Length), out var seconds) || !AsciiNumber.TryParseInt32(last[1].Substring("exit=".Length), out var exit))
            {
                return null;
            }

            // timeout(1) exits 124 when it had to stop the command.
            var found = exit == 0 && lines.Length >= 2 ? lines[0].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() : null;
            return new ReverseLookup(seconds, exit == 124, found);
        }
    }
}
