namespace SshTriage.Firewall
{
    /// <summary>How the elements of a right side, set or map key are read.</summary>
    internal enum NftValueKind
    {
        Name,
        Address,
        Number,
        Protocol,
        Family,
        Interface,
    }
}
