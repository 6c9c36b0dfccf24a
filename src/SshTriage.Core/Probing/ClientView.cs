using System;
using System.Collections.Generic;

namespace SshTriage.Probing
{
    /// <summary>
    /// The failing client's own side, read in the -FromHost session after the probes: its effective
    /// ssh configuration for the server (ssh -G: forced algorithm lists, IdentitiesOnly, the identity
    /// files) and what its known_hosts files hold for the server (ssh-keygen -l -F: key types and
    /// fingerprints, never keys).
    /// </summary>
    public sealed class ClientView
    {
        private readonly Dictionary<string, List<string>> settings = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<KnownHostKey> knownHosts = new List<KnownHostKey>();

        /// <summary>The values ssh -G gives <paramref name="keyword"/> (lower case, e.g. identityfile), in its order; empty when it gave none.</summary>
        public IReadOnlyList<string> Setting(string keyword) => settings.TryGetValue(keyword, out var values) ? values : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The keys the client's known_hosts files hold for the server.</summary>
        public IReadOnlyList<KnownHostKey> KnownHosts => knownHosts;

        /// <summary>Takes one line of ssh -G's output ("keyword value...").</summary>
        internal void AddSetting(string line)
        {
            var space = line.IndexOf(' ');
            if (space <= 0)
            {
                return;
            }

            var keyword = line.Substring(0, space).ToLowerInvariant();
            if (!settings.TryGetValue(keyword, out var values))
            {
                settings[keyword] = values = new List<string>();
            }

            values.Add(line.Substring(space + 1).Trim());
        }

        /// <summary>Takes one line of ssh-keygen -l -F's output for <paramref name="file"/> ("HOST TYPE SHA256:..."); comment lines are skipped.</summary>
        internal void AddKnownHost(string file, string line)
        {
            var parts = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[2].StartsWith("SHA256:", StringComparison.Ordinal))
            {
                knownHosts.Add(new KnownHostKey(file, parts[0], parts[1], parts[2]));
            }
        }

        /// <summary>True when nothing was read (no ssh on the host, or an older probe script).</summary>
        internal bool IsEmpty => settings.Count == 0 && knownHosts.Count == 0;
    }

    /// <summary>One key a known_hosts file holds for a host.</summary>
    /// <param name="File">The known_hosts file.</param>
    /// <param name="Host">The host as ssh-keygen -F matched it (a hashed entry shows the name looked up).</param>
    /// <param name="Type">The key type as ssh-keygen -l prints it, e.g. ED25519, ECDSA, RSA.</param>
    /// <param name="Fingerprint">SHA256:...</param>
    public sealed record KnownHostKey(string File, string Host, string Type, string Fingerprint);
}
