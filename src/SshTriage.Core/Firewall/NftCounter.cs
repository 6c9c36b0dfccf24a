namespace SshTriage.Firewall
{
    /// <summary>A named counter object; rules that say <c>counter name "x"</c> count into it.</summary>
    /// <param name="Family">nft's family.</param>
    /// <param name="Table">The table.</param>
    /// <param name="Name">The counter's name.</param>
    /// <param name="Packets">Packets counted.</param>
    /// <param name="Bytes">Bytes counted.</param>
    /// <param name="Comment">The counter's comment.</param>
    public sealed record NftCounter(string Family, string Table, string Name, long Packets, long Bytes, string? Comment);
}
