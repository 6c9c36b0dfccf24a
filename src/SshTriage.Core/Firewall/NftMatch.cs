namespace SshTriage.Firewall
{
    /// <summary>One condition of a rule. A null <see cref="Right"/> means the walker cannot evaluate it.</summary>
    internal sealed class NftMatch
    {
        /// <summary>A condition that holds or not for reasons the walker cannot see (limit, quota, xt match, ...).</summary>
        public static readonly NftMatch Opaque = new NftMatch(new NftSelector(NftField.Unsupported), "==", null, null);

        public NftMatch(NftSelector left, string op, NftValues? right, long? number)
        {
            Left = left;
            Op = op;
            Right = right;
            Number = number;
        }

        public NftSelector Left { get; }

        /// <summary>==, !=, in (a flag test), &lt;, &gt;, &lt;=, &gt;=.</summary>
        public string Op { get; }

        public NftValues? Right { get; }

        /// <summary>The right side when it is one number, for comparisons.</summary>
        public long? Number { get; }
    }
}
