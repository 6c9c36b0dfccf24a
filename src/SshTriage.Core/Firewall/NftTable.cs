namespace SshTriage.Firewall
{
    /// <summary>One nftables table.</summary>
    public sealed class NftTable
    {
        internal NftTable(string family, string name)
        {
            Family = family;
            Name = name;
        }

        /// <summary>nft's family: ip, ip6, inet, arp, bridge or netdev.</summary>
        public string Family { get; }

        /// <summary>The table's name.</summary>
        public string Name { get; }

        /// <summary>True when iptables-nft made it: its rules hold xt expressions, opaque in nft's JSON (read iptables-save instead).</summary>
        public bool ManagedByIptablesNft { get; internal init; }
    }
}
