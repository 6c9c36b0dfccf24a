using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace SshTriage.Evidence
{
    /// <summary>
    /// The collector's output, read back: one record per section. The same reader serves a live
    /// run over ssh and a bundle saved to a file (-EvidencePath).
    /// </summary>
    public sealed class EvidenceBundle
    {
        private readonly Dictionary<string, EvidenceRecord> records;

        internal EvidenceBundle(int version, Dictionary<string, EvidenceRecord> records, string source)
        {
            Version = version;
            this.records = records;
            Source = source;
        }

        /// <summary>The collector format version that wrote the evidence.</summary>
        public int Version { get; }

        /// <summary>Where the evidence came from: a host name or a file path.</summary>
        public string Source { get; }

        /// <summary>Every section, by name.</summary>
        public IReadOnlyDictionary<string, EvidenceRecord> Records => records;

        /// <summary>The section called <paramref name="name"/>, or null when the collector did not run it.</summary>
        public EvidenceRecord? this[string name] => records.TryGetValue(name, out var record) ? record : null;

        /// <summary>The sections whose names start with <paramref name="prefix"/>, under their names without it (the collector's "before" reads).</summary>
        public EvidenceBundle WithPrefix(string prefix)
        {
            var view = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);
            foreach (var record in records.Values)
            {
                if (record.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var name = record.Name.Substring(prefix.Length);
                    view[name] = record.Renamed(name);
                }
            }

            return new EvidenceBundle(Version, view, Source);
        }

        /// <summary>
        /// Reads a saved bundle from a file, as it streams in: a regular file of at most
        /// <see cref="EvidenceLimits.MaxBundleBytes"/>, which may expand to as much once unpacked.
        /// Throws what <see cref="EvidenceFile.Open"/> throws, and <see cref="EvidenceFormatException"/>.
        /// </summary>
        public static EvidenceBundle Load(string path, CancellationToken cancellationToken = default)
        {
            using (var file = EvidenceFile.Open(path, EvidenceLimits.MaxBundleBytes, cancellationToken))
            using (var lines = new Utf8SectionLines(file, cancellationToken))
            {
                if (!lines.IsWide)
                {
                    return EvidenceBundleReader.Read(lines, path, cancellationToken);
                }
            }

            // Saved as UTF-16 or UTF-32 (Windows PowerShell's redirection writes UTF-16): read as text.
            using (var reader = new StreamReader(EvidenceFile.Open(path, EvidenceLimits.MaxBundleBytes, cancellationToken), Encoding.UTF8, true))
            {
                return EvidenceBundleReader.Read(reader, path, cancellationToken);
            }
        }

        /// <summary>Reads collector output, plain or compressed. Text before the header (a login banner, say) is ignored.</summary>
        public static EvidenceBundle Parse(string text, string source)
        {
            if (text != null && text.Length > EvidenceLimits.MaxBundleBytes)
            {
                throw new EvidenceTooLargeException(source, "holds", EvidenceLimits.MaxBundleBytes);
            }

            return EvidenceBundleReader.Read(new StringReader(text ?? string.Empty), source, CancellationToken.None);
        }
    }
}
