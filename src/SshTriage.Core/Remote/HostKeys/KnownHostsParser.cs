using System;
using System.Collections.Generic;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>
    /// Reads known_hosts text as OpenSSH does: [marker] hosts keytype base64-key [comment]. Lines
    /// it cannot read (a bad key, a key whose blob names another type) are skipped, as ssh skips them.
    /// </summary>
    public static class KnownHostsParser
    {
        /// <summary>Parses <paramref name="text"/>, read from <paramref name="source"/>.</summary>
        public static IReadOnlyList<KnownHostsEntry> Parse(string text, string source)
        {
            var entries = new List<KnownHostsEntry>();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (TryParseLine(lines[i], source, i + 1, out var entry))
                {
                    entries.Add(entry!);
                }
            }

            return entries;
        }

        private static bool TryParseLine(string line, string source, int number, out KnownHostsEntry? entry)
        {
            entry = null;
            var fields = line.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith("#", StringComparison.Ordinal))
            {
                return false;
            }

            var marker = KnownHostsMarker.None;
            var next = 0;
            if (fields[0].StartsWith("@", StringComparison.Ordinal))
            {
                switch (fields[0])
                {
                    case "@cert-authority":
                        marker = KnownHostsMarker.CertAuthority;
                        break;
                    case "@revoked":
                        marker = KnownHostsMarker.Revoked;
                        break;
                    default:
                        return false;
                }

                next = 1;
            }

            if (fields.Length < next + 3)
            {
                return false;
            }

            var keyType = fields[next + 1];
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[next + 2]);
                if (new SshWireReader(blob).ReadString() != keyType)
                {
                    return false;
                }
            }
            catch (FormatException)
            {
                return false;
            }

            entry = new KnownHostsEntry(marker, fields[next], keyType, blob, source, number);
            return true;
        }
    }
}
