using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Text;

namespace SshTriage.Sshd
{
    /// <summary>
    /// Get-SshLogEvent -Path: a plain log file (a copied auth.log, a journalctl -o short export),
    /// read a line at a time: a regular file of at most <see cref="EvidenceLimits.MaxLogBytes"/>.
    /// </summary>
    public static class SshLogFile
    {
        // Longer lines are cut here; the parser skips any line longer than sshd writes anyway.
        private const int MaxLineLength = 4096;

        private const string Advice = "Give the path of a log file, such as a copy of /var/log/auth.log or the output of journalctl -o short-iso.";

        /// <summary>Writes the events of <paramref name="path"/> that <paramref name="filter"/> keeps, or an error.</summary>
        public static void Read(string path, SshLogFilter filter, IOperationSink sink, CancellationToken cancellationToken)
        {
            try
            {
                using (var reader = new StreamReader(EvidenceFile.Open(path, EvidenceLimits.MaxLogBytes, cancellationToken)))
                {
                    var now = new DateTimeOffset(File.GetLastWriteTime(path));
                    foreach (var logEvent in filter.Apply(SshLogParser.Parse(null, Lines(new LineReader(reader, cancellationToken)), path, now)))
                    {
                        sink.WriteObject(logEvent);
                    }
                }
            }
            catch (EvidenceFormatException tooLarge)
            {
                sink.WriteError(tooLarge.ToError(path, Advice));
            }
            catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
            {
                var category = failure is FileNotFoundException || failure is DirectoryNotFoundException ? TriageErrorCategory.ObjectNotFound : TriageErrorCategory.ReadError;
                sink.WriteError(new TriageError("SshLogUnreadable", failure, category, path, Advice));
            }
        }

        private static IEnumerable<string> Lines(LineReader lines)
        {
            while (lines.ReadLine(MaxLineLength) is string line)
            {
                yield return line;
            }
        }
    }
}
