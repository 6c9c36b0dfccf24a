using SshTriage.Operations;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>The outcome of checking a server's host key, with what to tell the user when it is refused.</summary>
    /// <param name="Status">Trusted, or why not.</param>
    /// <param name="KeyType">The offered key's type as ssh names it (ED25519, ECDSA, RSA).</param>
    /// <param name="Fingerprint">The offered key's SHA256 fingerprint (of the certified key, for a certificate).</param>
    /// <param name="Message">What was found, for the error message.</param>
    /// <param name="Advice">What the user can do.</param>
    public sealed record HostKeyVerdict(HostKeyStatus Status, string KeyType, string Fingerprint, string Message, string Advice)
    {
        /// <summary>True when the connection may go on.</summary>
        public bool IsTrusted => Status == HostKeyStatus.Trusted;

        /// <summary>The error for a refused key: the same id the OpenSSH transport gives.</summary>
        public TriageError ToError(string host) =>
            RemoteErrors.HostKeyVerificationFailed(host, Message, Advice);
    }
}
