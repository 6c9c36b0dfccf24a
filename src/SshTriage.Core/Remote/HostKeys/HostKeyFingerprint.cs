using System;
using System.Security.Cryptography;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>Fingerprints as ssh and ssh-keygen print them: SHA256:, then unpadded base64 of the key blob's hash.</summary>
    public static class HostKeyFingerprint
    {
        private const string Prefix = "SHA256:";

        /// <summary>The SHA256 fingerprint of a public key blob.</summary>
        public static string Sha256(byte[] keyBlob)
        {
            using (var sha = SHA256.Create())
            {
                return Prefix + Convert.ToBase64String(sha.ComputeHash(keyBlob)).TrimEnd('=');
            }
        }

        /// <summary>
        /// Reads a fingerprint a user typed (SHA256:base64, padded or not); returns false with
        /// what is wrong. MD5 fingerprints are refused: too weak to pin a key.
        /// </summary>
        public static bool TryNormalize(string text, out string fingerprint, out string error)
        {
            fingerprint = string.Empty;
            error = string.Empty;
            var value = (text ?? string.Empty).Trim();
            if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                error = $"'{value}' is not a SHA256 host key fingerprint: give it as ssh-keygen -lf prints it, SHA256:<43 characters>.";
                return false;
            }

            var body = value.Substring(Prefix.Length).TrimEnd('=');
            try
            {
                if (Convert.FromBase64String(body + "=").Length != 32)
                {
                    error = $"'{value}' is not a SHA256 fingerprint: it does not hold 32 bytes.";
                    return false;
                }
            }
            catch (FormatException)
            {
                error = $"'{value}' is not a SHA256 fingerprint: the part after SHA256: is not base64.";
                return false;
            }

            fingerprint = Prefix + body;
            return true;
        }

        /// <summary>The key type as ssh names it in messages: ED25519, ECDSA, RSA, DSA.</summary>
        public static string Label(string keyType)
        {
            if (keyType.StartsWith("ssh-ed25519", StringComparison.Ordinal))
            {
                return "ED25519";
            }

            if (keyType.StartsWith("ecdsa-", StringComparison.Ordinal))
            {
                return "ECDSA";
            }

            if (keyType.StartsWith("ssh-rsa", StringComparison.Ordinal) || keyType.StartsWith("rsa-", StringComparison.Ordinal))
            {
                return "RSA";
            }

            return keyType.StartsWith("ssh-dss", StringComparison.Ordinal) ? "DSA" : keyType;
        }
    }
}
