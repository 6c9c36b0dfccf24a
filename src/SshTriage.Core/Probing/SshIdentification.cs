using System;

namespace SshTriage.Probing
{
    /// <summary>The parts of an SSH identification line (RFC 4253 §4.2): SSH-protoversion-softwareversion SP comments.</summary>
    public sealed class SshIdentification
    {
        private SshIdentification(string line, string protocolVersion, string softwareVersion, string? comments)
        {
            Line = line;
            ProtocolVersion = protocolVersion;
            SoftwareVersion = softwareVersion;
            Comments = comments;
        }

        /// <summary>The whole line without its line ending.</summary>
        public string Line { get; }

        /// <summary>e.g. 2.0 or 1.99.</summary>
        public string ProtocolVersion { get; }

        /// <summary>e.g. OpenSSH_9.2p1.</summary>
        public string SoftwareVersion { get; }

        /// <summary>e.g. Debian-2+deb12u3; null when the line has none.</summary>
        public string? Comments { get; }

        /// <summary>Parses a line that starts with "SSH-"; returns null when it does not have the RFC's shape.</summary>
        public static SshIdentification? Parse(string line)
        {
            if (line == null || !line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                return null;
            }

            var rest = line.Substring(4);
            var dash = rest.IndexOf('-');
            if (dash <= 0)
            {
                return null;
            }

            var protocol = rest.Substring(0, dash);
            var software = rest.Substring(dash + 1);
            string? comments = null;
            var space = software.IndexOf(' ');
            if (space >= 0)
            {
                comments = software.Substring(space + 1);
                software = software.Substring(0, space);
            }

            if (software.Length == 0)
            {
                return null;
            }

            return new SshIdentification(line, protocol, software, string.IsNullOrEmpty(comments) ? null : comments);
        }
    }
}
