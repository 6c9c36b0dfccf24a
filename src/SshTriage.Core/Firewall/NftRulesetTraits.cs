namespace SshTriage.Firewall
{
    /// <summary>Facts about the whole rule set that decide how connection tracking matches can be read.</summary>
    internal sealed class NftRulesetTraits
    {
        /// <summary>Some rule rewrites destinations (dnat, redirect): ct status dnat may hold.</summary>
        public bool Dnat { get; set; }

        /// <summary>Some rule rewrites sources (snat, masquerade): ct status snat may hold.</summary>
        public bool Snat { get; set; }

        /// <summary>Some rule switches tracking off (notrack, CT --notrack): ct state may be untracked.</summary>
        public bool Notrack { get; set; }
    }
}
