using System.Collections.Generic;
using System.Text;

namespace SshTriage.Tests
{
    /// <summary>Collector output written the way the collector (the current format) prints it, from sections given as text.</summary>
    internal static class BundleText
    {
        public const string Boundary = "00112233445566778899";

        /// <summary>A meta section of a collector that ran as root on web01.</summary>
        public const string RootMeta = "collector=1\nhostname=web01\nuid=0\nuser=root\ntime=2026-11-21T10:00:00Z\noffset=+0000\nos=Linux 6.1\n";

        /// <summary>The header, each section (exit 0, no standard error) and the last line.</summary>
        public static string Of(IEnumerable<(string Name, string Output)> sections)
        {
            var text = new StringBuilder(Header);
            foreach (var (name, output) in sections)
            {
                Section(text, name, 0, output, string.Empty);
            }

            return text.Append(Done).ToString();
        }

        public static string Header => "#%" + Boundary + " sshtriage-evidence version=" + Evidence.CollectorScript.FormatVersion + "\n";

        public static string Done => "#%" + Boundary + " done\n";

        /// <summary>Appends one section as the collector prints it: output, a newline, standard error, a newline, the exit code.</summary>
        public static void Section(StringBuilder text, string name, int exit, string output, string error)
        {
            var mark = "#%" + Boundary + " ";
            text.Append(mark).Append("section ").Append(name).Append('\n').Append(output).Append('\n')
                .Append(mark).Append("stderr\n").Append(error).Append('\n').Append(mark).Append("end exit=").Append(exit).Append('\n');
        }
    }
}
