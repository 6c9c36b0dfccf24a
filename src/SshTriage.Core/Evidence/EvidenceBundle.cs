using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// The collector's output, read back: one record per section. The same reader serves a live
    /// run over ssh and a bundle saved to a file (-EvidencePath).
    /// </summary>
    public sealed class EvidenceBundle
    {
        private static readonly Regex HeaderLine = new Regex(@"^#%(?<b>[0-9a-f]{8,64}) sshtriage-evidence version=(?<v>[0-9]+)\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
        private static readonly Regex SectionLine = new Regex(@"^section (?<name>[A-Za-z0-9._-]+) (?:exit=(?<exit>[0-9]+)|missing=(?<missing>\S*))$", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, EvidenceRecord> records;

        private EvidenceBundle(int version, Dictionary<string, EvidenceRecord> records, string source)
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
                    view[name] = new EvidenceRecord(name, record.ExitCode, record.MissingTool, record.StandardOutput, record.StandardError);
                }
            }

            return new EvidenceBundle(Version, view, Source);
        }

        /// <summary>Reads a saved bundle from a file.</summary>
        public static EvidenceBundle Load(string path) => Parse(File.ReadAllText(path), path);

        /// <summary>Reads collector output, plain or compressed. Text before the header (a login banner, say) is ignored.</summary>
        public static EvidenceBundle Parse(string text, string source)
        {
            text = CompressedEvidence.Unpack(text ?? string.Empty, source);
            var header = HeaderLine.Match(text);
            if (!header.Success)
            {
                throw new EvidenceFormatException($"{source} holds no SshTriage evidence: the collector's header line is missing. Save the whole output of the collector, from its first line.");
            }

            if (!AsciiNumber.TryParseInt32(header.Groups["v"].Value, out var version) || version > CollectorScript.FormatVersion)
            {
                throw new EvidenceFormatException($"{source} was written by collector format {header.Groups["v"].Value}, newer than this SshTriage reads ({CollectorScript.FormatVersion}). Update SshTriage.");
            }

            var mark = "#%" + header.Groups["b"].Value + " ";
            var body = text!.Substring(header.Index + header.Length);
            var lines = (body.IndexOf('\r') >= 0 ? body.Replace("\r\n", "\n") : body).Split('\n');
            var records = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);
            var complete = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith(mark, StringComparison.Ordinal))
                {
                    continue;
                }

                var directive = lines[i].Substring(mark.Length);
                if (directive == "done")
                {
                    complete = true;
                    break;
                }

                if (directive == "pause")
                {
                    continue;
                }

                var section = SectionLine.Match(directive);
                if (!section.Success)
                {
                    throw new EvidenceFormatException($"{source} is damaged near line {i + 1}: '{directive}' is not a section header.");
                }

                var name = section.Groups["name"].Value;
                if (section.Groups["missing"].Success)
                {
                    i = Expect(lines, i + 1, mark + "end", source, name);
                    records[name] = new EvidenceRecord(name, null, section.Groups["missing"].Value, string.Empty, string.Empty);
                    continue;
                }

                if (!AsciiNumber.TryParseInt32(section.Groups["exit"].Value, out var exit))
                {
                    throw new EvidenceFormatException($"{source} is damaged near line {i + 1}: the exit code of section '{name}' is not a number the collector writes.");
                }

                var stdoutEnd = Find(lines, i + 1, mark + "stderr", source, name);
                var stderrEnd = Find(lines, stdoutEnd + 1, mark + "end", source, name);
                records[name] = new EvidenceRecord(
                    name,
                    exit,
                    null,
                    Body(lines, i + 1, stdoutEnd),
                    Body(lines, stdoutEnd + 1, stderrEnd));
                i = stderrEnd;
            }

            if (!complete)
            {
                throw new EvidenceFormatException($"{source} is truncated: the collector's last line is missing (read {records.Count} sections). Copy the output again, all of it.");
            }

            return new EvidenceBundle(version, records, source);
        }

        private static int Find(string[] lines, int from, string marker, string source, string section)
        {
            for (var i = from; i < lines.Length; i++)
            {
                if (lines[i] == marker)
                {
                    return i;
                }
            }

            throw new EvidenceFormatException($"{source} is truncated or damaged in section '{section}': '{marker}' is missing.");
        }

        private static int Expect(string[] lines, int at, string marker, string source, string section)
        {
            if (at < lines.Length && lines[at] == marker)
            {
                return at;
            }

            throw new EvidenceFormatException($"{source} is damaged in section '{section}': '{marker}' is missing.");
        }

        // The collector adds one newline after each output so that the next marker starts a
        // line; joining the lines in between drops exactly that one.
        private static string Body(string[] lines, int from, int to) => string.Join("\n", lines, from, to - from);
    }
}
