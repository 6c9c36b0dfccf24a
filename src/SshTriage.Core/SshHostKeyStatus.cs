namespace SshTriage
{
    /// <summary>What known_hosts (or a pinned fingerprint) says about the host key a server offered to Test-SshLogin.</summary>
    public enum SshHostKeyStatus
    {
        /// <summary>The key is listed for the host, pinned with -HostKeyFingerprint, or certified by a trusted authority.</summary>
        Known,

        /// <summary>No key of this type is known for the host: the login stops, as ssh with StrictHostKeyChecking would.</summary>
        Unknown,

        /// <summary>known_hosts lists another key of the same type for the host.</summary>
        Changed,

        /// <summary>The key, or the authority that certified it, is marked @revoked.</summary>
        Revoked,

        /// <summary>The key is not the one given with -HostKeyFingerprint.</summary>
        NotPinned,

        /// <summary>A trusted authority signed the host certificate, but it does not hold for this host now.</summary>
        CertificateInvalid,
    }
}
