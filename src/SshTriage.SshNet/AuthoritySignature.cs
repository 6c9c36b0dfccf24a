using System;
using System.Collections.Generic;
using System.Text;
using Renci.SshNet.Security;
using SshTriage.Remote.HostKeys;

namespace SshTriage.SshNet
{
    /// <summary>Checks a host certificate's signature with the authority's key, using SSH.NET's own algorithms.</summary>
    internal static class AuthoritySignature
    {
        // As OpenSSH's CASignatureAlgorithms: no SHA-1 signatures (ssh-rsa, ssh-dss), and a certificate cannot sign.
        private static readonly string[] Refused = { "ssh-rsa", "ssh-dss", "-cert-v01@openssh.com" };

        public static bool Verifies(IDictionary<string, Func<byte[], KeyHostAlgorithm>> algorithms, SshCertificate certificate)
        {
            try
            {
                // The signature names its algorithm (ssh-ed25519, rsa-sha2-512, ...), which picks the verifier.
                var length = (certificate.Signature[0] << 24) | (certificate.Signature[1] << 16) | (certificate.Signature[2] << 8) | certificate.Signature[3];
                var format = Encoding.ASCII.GetString(certificate.Signature, 4, length);
                return !Array.Exists(Refused, refused => format.EndsWith(refused, StringComparison.Ordinal))
                    && algorithms.TryGetValue(format, out var create)
                    && create(certificate.AuthorityKey).VerifySignature(certificate.SignedData, certificate.Signature);
            }
            catch (Exception malformed) when (!(malformed is OutOfMemoryException))
            {
                return false;
            }
        }
    }
}
