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
        /// <summary>
        /// The collector's format version; readers accept this and older ones. Version 2 writes a
        /// section's exit code on its last line, so the output streams through and nothing is
        /// written on the server (version 1 kept it in temporary files, and stopped where /tmp
        /// was read-only).
        /// </summary>
        public const int FormatVersion = 2;

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
            Prologue.Replace("@ENVIRONMENT@", ShellEnvironment.Prologue).Replace("@BOUNDARY@", boundary).Replace("@VERSION@", Version);

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
        /// (<see cref="EvidenceBundle.Parse"/>) checks the sum and unpacks it. The sum needs the
        /// plain output in a file first, in a private folder in /tmp (or $TMPDIR), /dev/shm,
        /// /var/tmp or the home folder; where none can be written (or sha256sum is missing) the
        /// output streams with "sha256=none" and gzip's own check, and the script says so.
        /// </summary>
        public static string Compressed(string collector) =>
            "#!/bin/sh\n" +
            "# SshTriage evidence collector, compressed output. It only reads: it changes nothing on this host.\n" +
            "# Run it with sh (as root to see everything) and copy all of its output back.\n" +
            ShellEnvironment.Prologue +
            "for t in gzip base64; do command -v \"$t\" >/dev/null 2>&1 || { echo \"$t is missing: use the uncompressed collector\" >&2; exit 69; }; done\n" +
            "sst_collector=$(cat <<'SSTCOLLECTOR'\n" + collector + "SSTCOLLECTOR\n)\n" +
            "sst_dir=\n" +
            "for sst_base in \"${TMPDIR:-/tmp}\" /dev/shm /var/tmp \"${HOME:-/nonexistent}\"; do\n" +
            "    if mkdir -m 700 \"$sst_base/sshtriage.$$\" 2>/dev/null; then sst_dir=$sst_base/sshtriage.$$; break; fi\n" +
            "done\n" +
            "if [ -n \"$sst_dir\" ] && command -v sha256sum >/dev/null 2>&1; then\n" +
            "    trap 'rm -rf \"$sst_dir\"' EXIT\n" +
            "    printf '%s\\n' \"$sst_collector\" | sh > \"$sst_dir/raw\"\n" +
            "    printf '%s%s sha256=%s\\n' '" + CompressedHeader + "' " + Version + " \"$(sha256sum < \"$sst_dir/raw\" | cut -d' ' -f1)\"\n" +
            "    gzip -c < \"$sst_dir/raw\" | base64\n" +
            "else\n" +
            "    echo 'No folder to write a temporary file in (or no sha256sum): the output carries no sha256, only gzip'\\''s own check.' >&2\n" +
            "    printf '%s%s sha256=" + NoChecksum + "\\n' '" + CompressedHeader + "' " + Version + "\n" +
            "    printf '%s\\n' \"$sst_collector\" | sh | gzip -c | base64\n" +
            "fi\n" +
            "printf '%s\\n' '" + CompressedEnd + "'\n";

        /// <summary>The checksum a compressed output carries when the server had nowhere to compute it.</summary>
        internal const string NoChecksum = "none";

        private static string Version => FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Every value in a section is single-quoted when the script is built; the command text
        // is evaluated here, in a subshell, with no input. Its output goes straight to the
        // script's (fd 3); its errors are kept in a variable, with the exit code after a last
        // newline so that trailing newlines survive the command substitution.
        private const string Prologue = @"#!/bin/sh
# SshTriage evidence collector, format @VERSION@. It only reads: it changes nothing on this host.
# Run it with sh (as root to see everything) and copy all of its output back.
@ENVIRONMENT@sst_mark='#%@BOUNDARY@'
trap 'exit 130' HUP INT TERM
exec 3>&1
sst_section() {
    if [ -n ""$2"" ] && ! command -v ""$2"" >/dev/null 2>&1; then
        printf '%s section %s missing=%s\n%s end\n' ""$sst_mark"" ""$1"" ""$2"" ""$sst_mark""
        return 0
    fi
    printf '%s section %s\n' ""$sst_mark"" ""$1""
    sst_err=$( ( eval ""$3"" ) 2>&1 1>&3 3>&- </dev/null; printf '\n%s' ""$?"" )
    sst_rc=${sst_err##*
}
    sst_err=${sst_err%
*}
    printf '\n%s stderr\n%s\n%s end exit=%s\n' ""$sst_mark"" ""$sst_err"" ""$sst_mark"" ""$sst_rc""
}
printf '%s sshtriage-evidence version=@VERSION@\n' ""$sst_mark""
";
    }
}
