namespace SshTriage.Evidence
{
    /// <summary>One command the collector runs on the server, and the name its output is filed under.</summary>
    public sealed class CollectorSection
    {
        /// <summary>Creates a section.</summary>
        /// <param name="name">The name in the evidence, e.g. sshd-effective-config.</param>
        /// <param name="tool">The program the command needs; when absent the section says "missing" instead of failing.</param>
        /// <param name="command">A POSIX sh command line; only fixed text and values quoted by <see cref="ShellQuote"/>.</param>
        public CollectorSection(string name, string? tool, string command)
        {
            Name = name;
            Tool = tool;
            Command = command;
        }

        /// <summary>The name in the evidence.</summary>
        public string Name { get; }

        /// <summary>The program the command needs, if any.</summary>
        public string? Tool { get; }

        /// <summary>The sh command line.</summary>
        public string Command { get; }
    }
}
