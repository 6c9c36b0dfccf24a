using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Reads collector output in one pass, a line at a time: nothing holds the whole text, and
    /// a section's output is copied once, into its record. Text before the header (a login
    /// banner, a console's prompt) is skipped; compressed output is unpacked on the way.
    /// </summary>
    internal static class EvidenceBundleReader
    {
        // Longer lines before the header are skipped unread: the header line is short.
        private const int MaxLineBeforeHeader = 1 << 16;
        private const int MaxDirective = 4096;

        private static readonly Regex HeaderLine = new Regex(@"^#%(?<b>[0-9a-f]{8,64}) sshtriage-evidence version=(?<v>[0-9]+)$", RegexOptions.CultureInvariant);
        // Format 1 writes the exit code on the section line, format 2 on the end line.
        private static readonly Regex SectionLine = new Regex(@"^section (?<name>[A-Za-z0-9._-]+)(?: exit=(?<exit>[0-9]+)| missing=(?<missing>\S*))?$", RegexOptions.CultureInvariant);
        private static readonly Regex EndLine = new Regex(@"^end(?: exit=(?<exit>[0-9]+))?$", RegexOptions.CultureInvariant);
        private static readonly Regex StderrLine = new Regex("^stderr$", RegexOptions.CultureInvariant);

        /// <summary>Reads plain or compressed collector output from <paramref name="text"/>.</summary>
        public static EvidenceBundle Read(TextReader text, string source, CancellationToken cancellationToken) =>
            Read(new TextSectionLines(new LineReader(text, cancellationToken)), source, cancellationToken);

        /// <summary>Reads plain or compressed collector output from <paramref name="lines"/>.</summary>
        public static EvidenceBundle Read(ISectionLines lines, string source, CancellationToken cancellationToken) =>
            Read(lines, source, cancellationToken, compressedAllowed: true);

        /// <summary>Reads plain collector output as UTF-8 (what compressed output unpacks to).</summary>
        public static EvidenceBundle ReadPlain(Stream plain, string source, CancellationToken cancellationToken)
        {
            using (var lines = new Utf8SectionLines(plain, cancellationToken))
            {
                return Read(lines, source, cancellationToken, compressedAllowed: false);
            }
        }

        private static EvidenceBundle Read(ISectionLines lines, string source, CancellationToken cancellationToken, bool compressedAllowed)
        {
            while (lines.ReadLine(MaxLineBeforeHeader) is string line)
            {
                var compressed = compressedAllowed ? line.IndexOf(CollectorScript.CompressedHeader, StringComparison.Ordinal) : -1;
                if (compressed >= 0)
                {
                    return CompressedEvidence.Read(line.Substring(compressed), lines, source, cancellationToken);
                }

                var header = HeaderLine.Match(line);
                if (header.Success)
                {
                    if (!AsciiNumber.TryParseInt32(header.Groups["v"].Value, out var version) || version > CollectorScript.FormatVersion)
                    {
                        throw new EvidenceFormatException($"{source} was written by collector format {header.Groups["v"].Value}, newer than this SshTriage reads ({CollectorScript.FormatVersion}). Update SshTriage.");
                    }

                    return new EvidenceBundle(version, Sections(lines, "#%" + header.Groups["b"].Value + " ", source), source);
                }
            }

            throw new EvidenceFormatException($"{source} holds no SshTriage evidence: the collector's header line is missing. Save the whole output of the collector, from its first line.");
        }

        private static Dictionary<string, EvidenceRecord> Sections(ISectionLines lines, string mark, string source)
        {
            var records = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);
            while (true)
            {
                var kind = lines.Next(mark, MaxDirective, out var directive);
                if (kind == LineKind.End)
                {
                    throw new EvidenceFormatException($"{source} is truncated: the collector's last line is missing (read {records.Count} sections). Copy the output again, all of it.");
                }

                if (kind == LineKind.Other || directive == "pause")
                {
                    continue;
                }

                if (directive == "done")
                {
                    return records;
                }

                var section = SectionLine.Match(directive!);
                if (!section.Success)
                {
                    throw new EvidenceFormatException($"{source} is damaged near line {lines.LineNumber}: '{directive}' is not a section header.");
                }

                var name = section.Groups["name"].Value;
                if (section.Groups["missing"].Success)
                {
                    if (lines.Next(mark, MaxDirective, out var end) != LineKind.Prefixed || end != "end")
                    {
                        throw new EvidenceFormatException($"{source} is damaged in section '{name}': '{mark}end' is missing.");
                    }

                    records[name] = new EvidenceRecord(name, null, section.Groups["missing"].Value, string.Empty, string.Empty);
                    continue;
                }

                var at = lines.LineNumber;
                var output = Body(lines, mark, StderrLine, "stderr", source, name, out _);
                var error = Body(lines, mark, EndLine, "end", source, name, out var last);
                var exit = section.Groups["exit"].Success ? section.Groups["exit"].Value : last.Groups["exit"].Value;
                if (!AsciiNumber.TryParseInt32(exit, out var code) || section.Groups["exit"].Success == last.Groups["exit"].Success)
                {
                    throw new EvidenceFormatException($"{source} is damaged near line {at}: section '{name}' has no exit code the collector writes, or two.");
                }

                records[name] = new EvidenceRecord(name, code, null, output, Encoding.UTF8.GetString(error));
            }
        }

        // The lines up to the marker line; any other line that starts with the mark is part of
        // them, as it always was.
        private static byte[] Body(ISectionLines lines, string mark, Regex markerLine, string marker, string source, string section, out Match found)
        {
            lines.BeginBody();
            while (true)
            {
                var kind = lines.Next(mark, MaxDirective, out var directive);
                if (kind == LineKind.End)
                {
                    throw new EvidenceFormatException($"{source} is truncated or damaged in section '{section}': '{mark}{marker}' is missing.");
                }

                if (kind == LineKind.Prefixed)
                {
                    found = markerLine.Match(directive!);
                    if (found.Success)
                    {
                        return lines.EndBody();
                    }
                }
            }
        }
    }
}
