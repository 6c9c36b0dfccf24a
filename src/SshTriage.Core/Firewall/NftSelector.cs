namespace SshTriage.Firewall
{
    /// <summary>The left side of a match, with the protocol dependencies nft leaves implicit in its output.</summary>
    internal sealed class NftSelector
    {
        public NftSelector(NftField field, int ipVersion = 0, string? transport = null, NftValues? mask = null)
        {
            Field = field;
            IpVersion = ipVersion;
            Transport = transport;
            Mask = mask;
        }

        public NftField Field { get; }

        /// <summary>4 or 6 when the expression exists only in that family (ip saddr, ip6 nexthdr); 0 otherwise.</summary>
        public int IpVersion { get; }

        /// <summary>The transport protocol the expression implies (tcp dport: tcp); null when none (th dport).</summary>
        public string? Transport { get; }

        /// <summary>For tcp flags &amp; (...): the flags kept.</summary>
        public NftValues? Mask { get; }

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
