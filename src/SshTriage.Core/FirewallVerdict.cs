using System;

namespace SshTriage
{
    /// <summary>The firewall's verdict on a new connection from a source to a port, and the rule that decides it.</summary>
    public sealed class FirewallVerdict
    {
        // The address is kept and written out when asked for: IPAddress keeps the text it writes,
        // and a verdict per Fail2Ban ban would otherwise keep that text for every banned address.
        private readonly System.Net.IPAddress source;

        internal FirewallVerdict(string computerName, System.Net.IPAddress source, int port, string protocol)
        {
            ComputerName = computerName;
            this.source = source;
            Port = port;
            Protocol = protocol;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The source address the packet carries (as the server sees it).</summary>
        public string SourceAddress => source.ToString();

        /// <summary>The destination port.</summary>
        public int Port { get; }

        /// <summary>tcp or udp.</summary>
        public string Protocol { get; }

        /// <summary>Accept, Drop, Reject or Unknown.</summary>
        public FirewallDecision Verdict { get; internal init; } = FirewallDecision.Unknown;

        /// <summary>For Reject: what answers the client.</summary>
        public string? RejectWith { get; internal init; }

        /// <summary>What Test-SshPort would see: Open (the firewall lets it through), Refused, TimedOut or HostUnreachable.</summary>
        public SshPortStatus? ExpectedSymptom { get; internal init; }

        /// <summary>The rule that decided, or that could not be evaluated; empty when a chain policy decided.</summary>
        public FirewallRule? DecidingRule { get; internal init; }

        /// <summary>The chains walked, in order, e.g. "IptablesNft ipv4 filter/INPUT".</summary>
        public string[] Path { get; internal init; } = Array.Empty<string>();

        /// <summary>The firewalls that were consulted.</summary>
        public FirewallBackend[] Backends { get; internal init; } = Array.Empty<FirewallBackend>();

        /// <summary>For an Unknown verdict that no rule decided: the evidence that was missing (no rules read, not root, damaged output).</summary>
        public string? Reason { get; internal init; }

        /// <summary>This verdict made Unknown, because of <paramref name="reason"/>: the rules that were read cannot speak for those that were not.</summary>
        internal FirewallVerdict Unknown(string reason) =>
            new FirewallVerdict(ComputerName, source, Port, Protocol)
            {
                Verdict = FirewallDecision.Unknown,
                RejectWith = RejectWith,
                DecidingRule = DecidingRule,
                Path = Path,
                Backends = Backends,
                Reason = reason,
            };
    }
}
