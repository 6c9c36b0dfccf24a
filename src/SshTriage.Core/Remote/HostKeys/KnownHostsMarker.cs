namespace SshTriage.Remote.HostKeys
{
    /// <summary>The marker a known_hosts line may start with.</summary>
    public enum KnownHostsMarker
    {
        /// <summary>A plain line: the host's own key.</summary>
        None,

        /// <summary>@cert-authority: a certificate authority trusted to sign the hosts' keys.</summary>
        CertAuthority,

        /// <summary>@revoked: a key that must never be accepted.</summary>
        Revoked,
    }
}
