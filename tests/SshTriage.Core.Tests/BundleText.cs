using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SshTriage.Collection;
using SshTriage.Evidence;

namespace SshTriage.Tests
{
    /// <summary>
    /// The one place tests write collector output: the way the collector (the current format)
    /// prints it, from sections given as text. Only tests of the wire format itself write it by hand.
    /// </summary>
    internal static class BundleText
    {
        public const string Boundary = "00112233445566778899";

        /// <summary>A meta section of a collector that ran as root on web01.</summary>
        public static readonly string RootMeta = Meta(0, "root", "2026-11-21T10:00:00Z");

        public static string Header => "#%" + Boundary + " sshtriage-evidence version=" + CollectorScript.FormatVersion + "\n";

        public static string Done => "#%" + Boundary + " done\n";

        /// <summary>A meta section of a collector that ran on web01 as <paramref name="user"/> at <paramref name="time"/> (UTC).</summary>
        public static string Meta(int uid, string user, string time) =>
            string.Create(CultureInfo.InvariantCulture, $"collector=1\nhostname=web01\nuid={uid}\nuser={user}\ntime={time}\noffset=+0000\nos=Linux 6.1\n");

        /// <summary>The header, each section (exit 0, no standard error) and the last line.</summary>
        public static string Of(IEnumerable<(string Name, string Output)> sections) =>
            Of(sections.Select(s => (s.Name, 0, s.Output, string.Empty)));

        /// <summary>The header, each section with its exit code and standard error, and the last line.</summary>
        public static string Of(IEnumerable<(string Name, int Exit, string Output, string Error)> sections)
        {
            var text = new StringBuilder(Header);
            foreach (var (name, exit, output, error) in sections)
            {
                Section(text, name, exit, output, error);
            }

            return text.Append(Done).ToString();
        }

        /// <summary>Appends one section as the collector prints it: output, a newline, standard error, a newline, the exit code.</summary>
        public static void Section(StringBuilder text, string name, int exit, string output, string error)
        {
            var mark = "#%" + Boundary + " ";
            text.Append(mark).Append("section ").Append(name).Append('\n').Append(output).Append('\n')
                .Append(mark).Append("stderr\n").Append(error).Append('\n').Append(mark).Append("end exit=").Append(exit).Append('\n');
        }

        /// <summary>Appends a section whose tool the server lacks, as the collector prints it without running anything.</summary>
        public static void Missing(StringBuilder text, string name, string tool)
        {
            var mark = "#%" + Boundary + " ";
            text.Append(mark).Append("section ").Append(name).Append(" missing=").Append(tool).Append('\n').Append(mark).Append("end\n");
        }

        /// <summary>Collector output read back as web01's evidence.</summary>
        public static ServerEvidence Evidence(string text, string source = "test") => new ServerEvidence("web01", EvidenceBundle.Parse(text, source));
    }
}
