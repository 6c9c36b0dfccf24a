using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Sshd
{
    /// <summary>Which sshd log events to keep. The server filters roughly (grep, tail); this filters exactly.</summary>
    public sealed class SshLogFilter
    {
        /// <summary>Creates a filter; every part is optional.</summary>
        public SshLogFilter(IPAddress? address, string? user, DateTimeOffset? since, int? last)
        {
            // sshd logs an IPv4 client of a dual-stack socket as ::ffff:a.b.c.d; events show it as IPv4.
            Address = address != null && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            User = user;
            Since = since;
            Last = last;
        }

        /// <summary>Only events naming this client address (an IPv4-mapped address as its IPv4 form).</summary>
        public IPAddress? Address { get; }

        /// <summary>Only events naming this user.</summary>
        public string? User { get; }

        /// <summary>Only events at or after this time.</summary>
        public DateTimeOffset? Since { get; }

        /// <summary>Only the newest this many events.</summary>
        public int? Last { get; }

        /// <summary>Applies the filter to parsed events.</summary>
        public IEnumerable<SshLogEvent> Apply(IEnumerable<SshLogEvent> events)
        {
            var kept = events.Where(e =>
                (Address == null || Address.Equals(e.Address))
                && (User == null || string.Equals(User, e.User, StringComparison.Ordinal))
                && (Since == null || (e.Time.HasValue && e.Time.Value >= Since.Value)));
            return Last.HasValue ? kept.Reverse().Take(Last.Value).Reverse() : kept;
        }
    }

    /// <summary>Get-SshLogEvent's reading of the evidence: sshd's log lines, filtered on the server, typed here.</summary>
    public sealed class SshLogReader
    {
        private readonly SshLogFilter filter;

        /// <summary>Creates a reader for <paramref name="filter"/>.</summary>
        public SshLogReader(SshLogFilter filter)
        {
            this.filter = filter;
            Sections = new[] { CollectorSections.SshdLog(filter.Address, filter.User, filter.Since, filter.Last) };
        }

        /// <summary>The collector sections this reader reads.</summary>
        public IReadOnlyList<CollectorSection> Sections { get; }

        /// <summary>The events and errors the evidence shows.</summary>
        public IEnumerable<object> Read(ServerEvidence evidence)
        {
            var record = evidence.Bundle[CollectorSections.Names.SshdLog];
            if (record == null)
            {
                yield return EvidenceErrors.SectionMissing(evidence, "sshd log lines", CollectorSections.Names.SshdLog);
                yield break;
            }

            var newline = record.StandardOutput.IndexOf('\n');
            var first = newline < 0 ? record.StandardOutput : record.StandardOutput.Substring(0, newline);
            var source = first.StartsWith("source=", StringComparison.Ordinal) ? first.Substring(7).Trim() : "unknown";
            if (record.ExitCode == 13)
            {
                yield return EvidenceErrors.NeedsRoot(evidence, $"Reading {source}");
                yield break;
            }

            if (source == "none")
            {
                yield return new TriageError(
                    "SshLogNotFound",
                    new RemoteFailureException($"No sshd log was found on {evidence.ComputerName}: no journal entries for ssh or sshd, no /var/log/auth.log, no /var/log/secure."),
                    TriageErrorCategory.ObjectNotFound,
                    evidence.ComputerName,
                    "Copy the log where sshd writes and read it with Get-SshLogEvent -Path.");
                yield break;
            }

            var body = newline < 0 ? string.Empty : record.StandardOutput.Substring(newline + 1);
            var now = evidence.Facts.LocalNow ?? DateTimeOffset.Now;
            foreach (var logEvent in filter.Apply(SshLogParser.Parse(evidence.ComputerName, body, source, now)))
            {
                yield return logEvent;
            }
        }
    }
}
