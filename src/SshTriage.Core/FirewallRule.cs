namespace SshTriage
{
    /// <summary>One firewall rule, typed, with the text the tool printed.</summary>
    public sealed class FirewallRule
    {
        internal FirewallRule(string computerName, FirewallBackend backend, string family, string table, string chain, int index, string text)
        {
            ComputerName = computerName;
            Backend = backend;
            Family = family;
            Table = table;
            Chain = chain;
            Index = index;
            Text = text;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The tool the rule belongs to.</summary>
        public FirewallBackend Backend { get; }

        /// <summary>ipv4, ipv6, inet (both), or another nftables family.</summary>
        public string Family { get; }

        /// <summary>The table, e.g. filter.</summary>
        public string Table { get; }

        /// <summary>The chain, e.g. INPUT or f2b-sshd.</summary>
        public string Chain { get; }

        /// <summary>The rule's position in its chain, from 1.</summary>
        public int Index { get; }

        /// <summary>What the rule does.</summary>
        public FirewallAction Action { get; internal init; } = FirewallAction.Other;

        /// <summary>For Reject: what answers the client (icmp-port-unreachable, tcp-reset, admin-prohibited, ...).</summary>
        public string? RejectWith { get; internal init; }

        /// <summary>For Jump and Goto: the chain jumped to.</summary>
        public string? JumpTarget { get; internal init; }

        /// <summary>The protocol matched (tcp, udp, ...), if any.</summary>
        public string? Protocol { get; internal init; }

        /// <summary>The source prefix matched, with ! when negated.</summary>
        public string? Source { get; internal init; }

        /// <summary>The destination prefix matched.</summary>
        public string? Destination { get; internal init; }

        /// <summary>The destination ports matched, e.g. 22 or 22,2222 or 1000:2000.</summary>
        public string? DestinationPort { get; internal init; }

        /// <summary>The input interface matched.</summary>
        public string? InInterface { get; internal init; }

        /// <summary>The connection tracking states matched, e.g. RELATED,ESTABLISHED.</summary>
        public string? State { get; internal init; }

        /// <summary>The named set a match refers to (nft @set, ipset --match-set).</summary>
        public string? Set { get; internal init; }

        /// <summary>Packets counted, when the tool reports counters.</summary>
        public long? Packets { get; internal init; }

        /// <summary>Bytes counted.</summary>
        public long? Bytes { get; internal init; }

        /// <summary>The rule's comment.</summary>
        public string? Comment { get; internal init; }

        /// <summary>Who manages the rule: a fail2ban jail (fail2ban:sshd), ufw, firewalld, docker, or empty.</summary>
        public string? Owner { get; internal init; }

        /// <summary>The rule as the tool printed it.</summary>
        public string Text { get; }
    }
}
