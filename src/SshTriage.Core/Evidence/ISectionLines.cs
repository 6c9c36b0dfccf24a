using SshTriage.Text;

namespace SshTriage.Evidence
{
    /// <summary>
    /// The lines of collector output as the bundle reader takes them: directive lines (those
    /// that start with a prefix) come back as strings, and the lines of a section's output are
    /// kept together, as one text, without a string for each.
    /// </summary>
    internal interface ISectionLines
    {
        /// <summary>The number of the line read last, 1 for the first.</summary>
        long LineNumber { get; }

        /// <summary>The next line, at most <paramref name="maxLength"/> characters of it; null at the end.</summary>
        string? ReadLine(int maxLength);

        /// <summary>
        /// Reads the next line: one that starts with <paramref name="prefix"/> is returned in
        /// <paramref name="rest"/> without the prefix (at most <paramref name="maxRest"/>
        /// characters of it). Between <see cref="BeginBody"/> and <see cref="EndBody"/> every
        /// line read is kept, whichever it is.
        /// </summary>
        LineKind Next(string prefix, int maxRest, out string? rest);

        /// <summary>Starts keeping the lines read.</summary>
        void BeginBody();

        /// <summary>
        /// The lines kept since <see cref="BeginBody"/> but the last one (the line that ended
        /// them), as UTF-8, without '\r' before a '\n' and without the newline after the last:
        /// the collector adds one after each output so that the next marker starts a line.
        /// </summary>
        byte[] EndBody();
    }
}
