using SshTriage.Operations;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>The outcome of checking a server's host key, with what to tell the user when it is refused.</summary>
    public sealed class HostKeyVerdict
    {
        internal HostKeyVerdict(HostKeyStatus status, string keyType, string fingerprint, string message, string advice)
        {
            Status = status;
            KeyType = keyType;
            Fingerprint = fingerprint;
            Message = message;
            Advice = advice;
        }

        /// <summary>Trusted, or why not.</summary>
        public HostKeyStatus Status { get; }

        /// <summary>The offered key's type as ssh names it (ED25519, ECDSA, RSA).</summary>
        public string KeyType { get; }

        /// <summary>The offered key's SHA256 fingerprint (of the certified key, for a certificate).</summary>
        public string Fingerprint { get; }

        /// <summary>What was found, for the error message.</summary>
        public string Message { get; }

        /// <summary>What the user can do.</summary>
        public string Advice { get; }

        /// <summary>True when the connection may go on.</summary>
        public bool IsTrusted => Status == HostKeyStatus.Trusted;

        /// <summary>The error for a refused key: the same id the OpenSSH transport gives.</summary>
        public TriageError ToError(string host) =>
            RemoteErrors.HostKeyVerificationFailed(host, Message, Advice);
    }
}
