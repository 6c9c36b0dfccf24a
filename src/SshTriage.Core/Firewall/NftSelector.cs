namespace SshTriage.Firewall
{
    /// <summary>The left side of a match, with the protocol dependencies nft leaves implicit in its output.</summary>
    /// <param name="Field">The packet field read.</param>
    /// <param name="IpVersion">4 or 6 when the expression exists only in that family (ip saddr, ip6 nexthdr); 0 otherwise.</param>
    /// <param name="Transport">The transport protocol the expression implies (tcp dport: tcp); null when none (th dport).</param>
    /// <param name="Mask">For tcp flags &amp; (...): the flags kept.</param>
    internal sealed record NftSelector(NftField Field, int IpVersion = 0, string? Transport = null, NftValues? Mask = null)
    {
        public NftValueKind Kind
        {
            get
            {
                switch (Field)
                {
                    case NftField.SourceAddress:
                    case NftField.DestinationAddress:
                        return NftValueKind.Address;
                    case NftField.SourcePort:
                    case NftField.DestinationPort:
                        return NftValueKind.Number;
                    case NftField.Protocol:
                        return NftValueKind.Protocol;
                    case NftField.Family:
                        return NftValueKind.Family;
                    case NftField.InInterface:
                        return NftValueKind.Interface;
                    default:
                        return NftValueKind.Name;
                }
            }
        }
    }
}
