namespace SshTriage.Firewall
{
    /// <summary>One condition of a rule. A null <see cref="Right"/> means the walker cannot evaluate it.</summary>
    /// <param name="Left">What the condition reads from the packet.</param>
    /// <param name="Op">==, !=, in (a flag test), &lt;, &gt;, &lt;=, &gt;=.</param>
    /// <param name="Right">The values compared with; null when the walker cannot read them.</param>
    /// <param name="Number">The right side when it is one number, for comparisons.</param>
    internal sealed record NftMatch(NftSelector Left, string Op, NftValues? Right, long? Number)
    {
        /// <summary>A condition that holds or not for reasons the walker cannot see (limit, quota, xt match, ...).</summary>
        public static readonly NftMatch Opaque = new NftMatch(new NftSelector(NftField.Unsupported), "==", null, null);
    }
}
