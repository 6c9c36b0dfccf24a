using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Text;

namespace SshTriage.TcpWrappers
{
    /// <summary>
    /// The tcp-wrappers section read back: which sshd binaries link libwrap, and the rules of
    /// /etc/hosts.allow and /etc/hosts.deny (or that a file is absent or could not be read).
    /// </summary>
    public sealed class TcpWrappersEvidence
    {
        /// <summary>The file read first: a match there grants (unless its options deny).</summary>
        public const string AllowFile = "/etc/hosts.allow";

        /// <summary>The file read second: a match there denies (unless its options allow).</summary>
        public const string DenyFile = "/etc/hosts.deny";

        /// <summary>The daemon name sshd gives libwrap (its program name).</summary>
        public const string Daemon = "sshd";

        private readonly Dictionary<string, List<string>> files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly List<string> unreadable = new List<string>();

        private TcpWrappersEvidence()
        {
        }

        /// <summary>Each binary checked, and whether it links libwrap.</summary>
        public IReadOnlyList<(string Binary, bool Linked)> Binaries { get; private set; } = Array.Empty<(string, bool)>();

        /// <summary>True when a binary that accepts connections links libwrap: only then do the files matter.</summary>
        public bool LibwrapLinked => Binaries.Any(b => b.Linked);

        /// <summary>The files that exist but could not be read (the collector ran without root).</summary>
        public IReadOnlyList<string> Unreadable => unreadable;

        /// <summary>The rules of /etc/hosts.allow.</summary>
        public IReadOnlyList<HostsAccessEntry> Allow { get; private set; } = Array.Empty<HostsAccessEntry>();

        /// <summary>The rules of /etc/hosts.deny.</summary>
        public IReadOnlyList<HostsAccessEntry> Deny { get; private set; } = Array.Empty<HostsAccessEntry>();

        /// <summary>Reads the section's output; lines it does not know are ignored.</summary>
        public static TcpWrappersEvidence Parse(string output)
        {
            var evidence = new TcpWrappersEvidence();
            var binaries = new List<(string, bool)>();
            List<string>? current = null;
            foreach (var line in TextLines.Of(output))
            {
                if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
                {
                    current?.Add(line.Length > 2 ? line.Substring(2) : string.Empty);
                    continue;
                }

                current = null;
                if (line.StartsWith("libwrap=yes ", StringComparison.Ordinal) || line.StartsWith("libwrap=no ", StringComparison.Ordinal))
                {
                    var space = line.IndexOf(' ');
                    binaries.Add((line.Substring(space + 1), line.StartsWith("libwrap=yes", StringComparison.Ordinal)));
                }
                else if (line.StartsWith("file=", StringComparison.Ordinal))
                {
                    current = new List<string>();
                    evidence.files[line.Substring("file=".Length)] = current;
                }
                else if (line.StartsWith("unreadable=", StringComparison.Ordinal))
                {
                    evidence.unreadable.Add(line.Substring("unreadable=".Length));
                }
            }

            evidence.Binaries = binaries;
            evidence.Allow = evidence.files.TryGetValue(AllowFile, out var allow) ? HostsAccessParser.Parse(AllowFile, allow) : Array.Empty<HostsAccessEntry>();
            evidence.Deny = evidence.files.TryGetValue(DenyFile, out var deny) ? HostsAccessParser.Parse(DenyFile, deny) : Array.Empty<HostsAccessEntry>();
            return evidence;
        }

        /// <summary>What libwrap does with a connection from <paramref name="client"/> to sshd.</summary>
        public TcpWrappersVerdict Decide(IPAddress client)
        {
            if (Binaries.Count > 0 && !LibwrapLinked)
            {
                return new TcpWrappersVerdict(TcpWrappersDecision.Granted, null, "sshd is not linked with libwrap (" + string.Join(", ", Binaries.Select(b => b.Binary)) + "): hosts.allow and hosts.deny do not apply");
            }

            foreach (var (file, rules, inAllow) in new[] { (AllowFile, Allow, true), (DenyFile, Deny, false) })
            {
                if (unreadable.Contains(file))
                {
                    return new TcpWrappersVerdict(TcpWrappersDecision.Undecided, null, file + " could not be read (it needs root)");
                }

                foreach (var rule in rules)
                {
                    var match = HostsAccessPatterns.And(HostsAccessPatterns.MatchDaemons(rule.Daemons, Daemon), HostsAccessPatterns.MatchClients(rule.Clients, client));
                    if (match == TcpWrappersMatch.Yes)
                    {
                        return rule.Grants(inAllow)
                            ? new TcpWrappersVerdict(TcpWrappersDecision.Granted, rule, $"{rule} admits {client}")
                            : new TcpWrappersVerdict(TcpWrappersDecision.Denied, rule, $"{rule} denies {client}");
                    }

                    if (match == TcpWrappersMatch.Unknown)
                    {
                        return new TcpWrappersVerdict(TcpWrappersDecision.Undecided, rule, $"{rule} may match {client}: it depends on the client's host name or ident user");
                    }
                }
            }

            return new TcpWrappersVerdict(TcpWrappersDecision.Granted, null, $"no rule in {AllowFile} or {DenyFile} names sshd and {client}");
        }
    }
}
