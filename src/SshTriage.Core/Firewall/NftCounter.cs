namespace SshTriage.Firewall
{
    /// <summary>A named counter object; rules that say <c>counter name "x"</c> count into it.</summary>
    public sealed class NftCounter
    {
        internal NftCounter(string family, string table, string name, long packets, long bytes, string? comment)
        {
            Family = family;
            Table = table;
            Name = name;
            Packets = packets;
            Bytes = bytes;
            Comment = comment;
        }

        /// <summary>nft's family.</summary>
        public string Family { get; }

        /// <summary>The table.</summary>
        public string Table { get; }

        /// <summary>The counter's name.</summary>
        public string Name { get; }

        /// <summary>Packets counted.</summary>
        public long Packets { get; }

        /// <summary>Bytes counted.</summary>
        public long Bytes { get; }

        /// <summary>The counter's comment.</summary>
        public string? Comment { get; }
    }
}
