using System.Collections.Generic;

namespace SshTriage.TcpWrappers
{
    /// <summary>One rule of /etc/hosts.allow or /etc/hosts.deny: daemon list, client list and options (hosts_access(5)).</summary>
    public sealed class HostsAccessEntry
    {
        /// <summary>Creates an entry.</summary>
        public HostsAccessEntry(string file, int lineNumber, string text, IReadOnlyList<string> daemons, IReadOnlyList<string> clients, IReadOnlyList<string> options)
        {
            File = file;
            LineNumber = lineNumber;
            Text = text;
            Daemons = daemons;
            Clients = clients;
            Options = options;
        }

        /// <summary>The file it is in.</summary>
        public string File { get; }

        /// <summary>Its first line's number in the file.</summary>
        public int LineNumber { get; }

        /// <summary>The rule as written (continuation lines joined).</summary>
        public string Text { get; }

        /// <summary>The daemon list's words, EXCEPT included.</summary>
        public IReadOnlyList<string> Daemons { get; }

        /// <summary>The client list's words, EXCEPT included.</summary>
        public IReadOnlyList<string> Clients { get; }

        /// <summary>The option fields after the client list (hosts_options(5)), trimmed.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>The access the rule gives when it matches: its file's, unless an ALLOW or DENY option says otherwise.</summary>
        public bool Grants(bool inAllowFile)
        {
            foreach (var option in Options)
            {
                if (string.Equals(option, "allow", System.StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (string.Equals(option, "deny", System.StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return inAllowFile;
        }

        /// <summary>"file:line: text", for evidence.</summary>
        public override string ToString() => File + ":" + LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Text;
    }
}
