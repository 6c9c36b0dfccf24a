using System.Collections.Generic;
using SshTriage.Net;

namespace SshTriage.Firewall
{
    /// <summary>A named set or map, with its elements indexed for lookups.</summary>
    public sealed class NftSet
    {
        internal NftSet(string family, string table, string name, string type, IReadOnlyList<string> flags, string? mapType, string? comment, NftValues? values, NftVerdictMap? verdicts, int count)
        {
            Family = family;
            Table = table;
            Name = name;
            Type = type;
            Flags = flags;
            MapType = mapType;
            Comment = comment;
            Values = values;
            Verdicts = verdicts;
            Count = count;
        }

        /// <summary>nft's family: ip, ip6, inet, ...</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The set's name (a rule refers to it as @name).</summary>
        public string Name { get; }

        /// <summary>The key type, e.g. ipv4_addr, inet_service, or ipv4_addr . inet_service for a concatenation.</summary>
        public string Type { get; }

        /// <summary>interval, timeout, dynamic, constant, ...</summary>
        public IReadOnlyList<string> Flags { get; }

        /// <summary>For a map: the type of the values (verdict for a verdict map); null for a set.</summary>
        public string? MapType { get; }

        /// <summary>The set's comment.</summary>
        public string? Comment { get; }

        /// <summary>Who manages the set, e.g. fail2ban:sshd for Fail2Ban's addr-set-sshd; null when unknown.</summary>
        public string? Owner { get; internal init; }

        /// <summary>How many elements it holds.</summary>
        public int Count { get; }

        /// <summary>For an address set or map: its elements (addresses, prefixes, ranges), for lookups by hashing; null otherwise.</summary>
        public AddressSet? Addresses => Values?.Addresses;

        internal NftValues? Values { get; }

        internal NftVerdictMap? Verdicts { get; }
    }
}
