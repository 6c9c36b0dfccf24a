namespace SshTriage.Remote.HostKeys
{
    /// <summary>What the known_hosts files (or a pinned fingerprint) say about the key a server offered.</summary>
    public enum HostKeyStatus
    {
        /// <summary>The key is known for the host, pinned, or certified by a trusted authority.</summary>
        Trusted,

        /// <summary>No key of this type is known for the host.</summary>
        Unknown,

        /// <summary>The host is known with another key of the same type.</summary>
        Changed,

        /// <summary>The key, or the authority that certified it, is marked @revoked.</summary>
        Revoked,

        /// <summary>The key is not the one pinned with -HostKeyFingerprint.</summary>
        NotPinned,

        /// <summary>A trusted authority signed the certificate, but it does not hold for this host now.</summary>
        CertificateInvalid,
    }
}
