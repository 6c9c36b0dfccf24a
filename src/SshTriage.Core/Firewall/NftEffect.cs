namespace SshTriage.Firewall
{
    /// <summary>What a rule does when its conditions hold.</summary>
    internal sealed class NftEffect
    {
        public static readonly NftEffect Continue = new NftEffect(NftEffectKind.Continue, null);
        public static readonly NftEffect Accept = new NftEffect(NftEffectKind.Accept, null);
        public static readonly NftEffect Drop = new NftEffect(NftEffectKind.Drop, null);
        public static readonly NftEffect Return = new NftEffect(NftEffectKind.Return, null);
        public static readonly NftEffect Unsupported = new NftEffect(NftEffectKind.Unsupported, null);

        public NftEffect(NftEffectKind kind, string? argument, NftSelector? mapKey = null, NftVerdictMap? map = null)
        {
            Kind = kind;
            Argument = argument;
            MapKey = mapKey;
            Map = map;
        }

        public NftEffectKind Kind { get; }

        /// <summary>Jump and Goto: the target chain; Reject: what answers the client.</summary>
        public string? Argument { get; }

        public NftSelector? MapKey { get; }

        /// <summary>For Map: the verdict map; null when it could not be found or read.</summary>
        public NftVerdictMap? Map { get; }
    }
}
