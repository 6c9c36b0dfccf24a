namespace SshTriage.Firewall
{
    /// <summary>
    /// The columns of a <see cref="FirewallRule"/> that a parser gathers while it reads the rule
    /// word by word or statement by statement, so that the rule is made in one expression once
    /// they all are.
    /// </summary>
    internal sealed class FirewallRuleColumns
    {
        public FirewallAction Action { get; set; } = FirewallAction.Other;

        public string? RejectWith { get; set; }

        public string? JumpTarget { get; set; }

        public string? Protocol { get; set; }

        public string? Source { get; set; }

        public string? Destination { get; set; }

        public string? DestinationPort { get; set; }

        public string? InInterface { get; set; }

        public string? State { get; set; }

        public string? Set { get; set; }

        public long? Packets { get; set; }

        public long? Bytes { get; set; }

        public string? Comment { get; set; }

        public string? Owner { get; set; }

        /// <summary>The rule at <paramref name="index"/> of its chain, with these columns and the <paramref name="text"/> the tool printed.</summary>
        public FirewallRule ToRule(string computerName, FirewallBackend backend, string family, string table, string chain, int index, string text) =>
            new FirewallRule(computerName, backend, family, table, chain, index, text)
            {
                Action = Action,
                RejectWith = RejectWith,
                JumpTarget = JumpTarget,
                Protocol = Protocol,
                Source = Source,
                Destination = Destination,
                DestinationPort = DestinationPort,
                InInterface = InInterface,
                State = State,
                Set = Set,
                Packets = Packets,
                Bytes = Bytes,
                Comment = Comment,
                Owner = Owner,
            };
    }
}
