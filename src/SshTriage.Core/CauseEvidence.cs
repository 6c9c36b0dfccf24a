namespace SshTriage
{
    /// <summary>One piece of evidence for a cause: where it came from and the line that shows it.</summary>
    public sealed class CauseEvidence
    {
        /// <summary>Creates a piece of evidence.</summary>
        public CauseEvidence(string source, string command, string excerpt)
        {
            Source = source;
            Command = command;
            Excerpt = excerpt;
        }

        /// <summary>The host or file the evidence came from.</summary>
        public string Source { get; }

        /// <summary>The command that printed it.</summary>
        public string Command { get; }

        /// <summary>The line (or lines) that show it.</summary>
        public string Excerpt { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Source}: {Command}: {Excerpt}";
    }
}
