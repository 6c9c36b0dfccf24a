namespace SshTriage
{
    /// <summary>Which firewall tool a rule belongs to.</summary>
    public enum FirewallBackend
    {
        /// <summary>iptables or ip6tables over nf_tables (iptables-nft).</summary>
        IptablesNft,

        /// <summary>iptables or ip6tables over the legacy x_tables backend.</summary>
        IptablesLegacy,

        /// <summary>nftables, as nft lists it.</summary>
        Nftables,

        /// <summary>ufw, as ufw status lists it.</summary>
        Ufw,

        /// <summary>firewalld's zones and rich rules.</summary>
        Firewalld,
    }
}
