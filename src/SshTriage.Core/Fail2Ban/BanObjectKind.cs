namespace SshTriage.Fail2Ban
{
    /// <summary>What kind of firewall object a Fail2Ban action fills.</summary>
    internal enum BanObjectKind
    {
        /// <summary>An ipset named f2b-JAIL.</summary>
        Ipset,

        /// <summary>An nft set named addr-set-JAIL.</summary>
        NftSet,

        /// <summary>An iptables chain named f2b-JAIL.</summary>
        IptablesChain,

        /// <summary>ufw's rules.</summary>
        UfwRules,
    }
}
