using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// Builds the collector: one POSIX sh script that runs each section's command and prints
    /// its exit code, standard output and standard error between boundary lines. It reads
    /// only; a missing tool is recorded, not fatal. The same text is what
    /// Export-SshTriageCollector hands to a console.
    /// </summary>
    public static class CollectorScript
    {
        /// <summary>The collector's format version; readers accept this and older ones.</summary>
        public const int FormatVersion = 1;

        /// <summary>Builds a script for <paramref name="sections"/> with a fresh random boundary.</summary>
        public static string Build(IEnumerable<CollectorSection> sections) => Build(sections, NewBoundary());

        /// <summary>Builds a script with a given boundary (tests pin it).</summary>
        public static string Build(IEnumerable<CollectorSection> sections, string boundary) =>
            Begin(boundary) + Sections(sections) + Done;

        /// <summary>
        /// The first part of a collector that pauses: it runs <paramref name="sections"/>, prints
        /// <see cref="PauseLine"/> and waits for the rest on its input (<see cref="Rest"/>).
        /// </summary>
        public static string Paused(IEnumerable<CollectorSection> sections, string boundary) =>
            Begin(boundary) + Sections(sections) + "printf '%s pause\\n' \"$sst_mark\"\n";

        /// <summary>The line a paused collector prints when its first part has run.</summary>
        public static string PauseLine(string boundary) => "#%" + boundary + " pause";

        /// <summary>The rest of a paused collector: more sections and the last line.</summary>
        public static string Rest(IEnumerable<CollectorSection> sections) => Sections(sections) + Done;

        /// <summary>A fresh random boundary.</summary>
        public static string NewBoundary()
        {
            var bytes = new byte[8];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();
        }

        private const string Done = "printf '%s done\\n' \"$sst_mark\"\n";

        private static string Begin(string boundary) =>
            Prologue.Replace("@ENVIRONMENT@", ShellEnvironment.Prologue).Replace("@BOUNDARY@", boundary).Replace("@VERSION@", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static string Sections(IEnumerable<CollectorSection> sections)
        {
            var script = new StringBuilder();
            foreach (var section in sections)
            {
                script.Append("sst_section ")
                    .Append(ShellQuote.Single(section.Name)).Append(' ')
                    .Append(ShellQuote.Single(section.Tool ?? string.Empty)).Append(' ')
                    .Append(ShellQuote.Single(section.Command)).Append('\n');
            }

            return script.ToString();
        }

        /// <summary>The first line of compressed collector output.</summary>
        public const string CompressedHeader = "#%sshtriage-compressed version=";

        /// <summary>The last line of compressed collector output.</summary>
        public const string CompressedEnd = "#%sshtriage-compressed end";

        /// <summary>
        /// Wraps a collector so that its output travels as gzip and base64 with a sha256 of the
        /// plain output: for consoles that wrap, drop or mangle long output. The reader
        /// (<see cref="EvidenceBundle.Parse"/>) checks the sum and unpacks it.
        /// </summary>
        public static string Compressed(string collector) =>
            "#!/bin/sh\n" +
            "# SshTriage evidence collector, compressed output. It only reads: it changes nothing on this host.\n" +
            "# Run it with sh (as root to see everything) and copy all of its output back.\n" +
            ShellEnvironment.Prologue +
            "for t in gzip base64 sha256sum; do command -v \"$t\" >/dev/null 2>&1 || { echo \"$t is missing: use the uncompressed collector\" >&2; exit 69; }; done\n" +
            "sst_raw=$(mktemp 2>/dev/null) || { sst_raw=${TMPDIR:-/tmp}/sshtriage-raw.$$; : > \"$sst_raw\" || exit 70; }\n" +
            "trap 'rm -f \"$sst_raw\"' EXIT\n" +
            "sh > \"$sst_raw\" <<'SSTCOLLECTOR'\n" + collector + "SSTCOLLECTOR\n" +
            "printf '%s%s sha256=%s\\n' '" + CompressedHeader + "' " + FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + " \"$(sha256sum < \"$sst_raw\" | cut -d' ' -f1)\"\n" +
            "gzip -c < \"$sst_raw\" | base64\n" +
            "printf '%s\\n' '" + CompressedEnd + "'\n";

        // Every value in a section is single-quoted when the script is built; the command text
        // is evaluated here, in a subshell, with no input.
        private const string Prologue = @"#!/bin/sh
# SshTriage evidence collector, format @VERSION@. It only reads: it changes nothing on this host.
# Run it with sh (as root to see everything) and copy all of its output back.
@ENVIRONMENT@umask 077
sst_mark='#%@BOUNDARY@'
sst_tmp=$(mktemp -d 2>/dev/null) || { sst_tmp=${TMPDIR:-/tmp}/sshtriage.$$; mkdir ""$sst_tmp"" || exit 70; }
trap 'rm -rf ""$sst_tmp""' EXIT
trap 'exit 130' HUP INT TERM
sst_section() {
    if [ -n ""$2"" ] && ! command -v ""$2"" >/dev/null 2>&1; then
        printf '%s section %s missing=%s\n%s end\n' ""$sst_mark"" ""$1"" ""$2"" ""$sst_mark""
        return 0
    fi
    ( eval ""$3"" ) >""$sst_tmp/out"" 2>""$sst_tmp/err"" </dev/null
    sst_rc=$?
    printf '%s section %s exit=%s\n' ""$sst_mark"" ""$1"" ""$sst_rc""
    cat ""$sst_tmp/out""
    printf '\n%s stderr\n' ""$sst_mark""
    cat ""$sst_tmp/err""
    printf '\n%s end\n' ""$sst_mark""
}
printf '%s sshtriage-evidence version=@VERSION@\n' ""$sst_mark""
";
    }
}
