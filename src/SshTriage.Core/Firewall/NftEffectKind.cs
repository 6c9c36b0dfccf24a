namespace SshTriage.Firewall
{
    internal enum NftEffectKind
    {
        Continue,
        Accept,
        Drop,
        Reject,
        Jump,
        Goto,
        Return,
        Map,
        Unsupported,
    }
}
