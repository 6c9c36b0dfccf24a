namespace SshTriage.Firewall
{
    /// <summary>What a rule does when its conditions hold.</summary>
    /// <param name="Kind">Accept, Drop, Jump, Map, ...</param>
    /// <param name="Argument">Jump and Goto: the target chain; Reject: what answers the client.</param>
    /// <param name="MapKey">For Map: what the verdict map is looked up by.</param>
    /// <param name="Map">For Map: the verdict map; null when it could not be found or read.</param>
    internal sealed record NftEffect(NftEffectKind Kind, string? Argument, NftSelector? MapKey = null, NftVerdictMap? Map = null)
    {
        public static readonly NftEffect Continue = new NftEffect(NftEffectKind.Continue, null);
        public static readonly NftEffect Accept = new NftEffect(NftEffectKind.Accept, null);
        public static readonly NftEffect Drop = new NftEffect(NftEffectKind.Drop, null);
        public static readonly NftEffect Return = new NftEffect(NftEffectKind.Return, null);
        public static readonly NftEffect Unsupported = new NftEffect(NftEffectKind.Unsupported, null);
    }
}
