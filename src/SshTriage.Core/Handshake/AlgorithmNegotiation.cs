using System;
using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Handshake
{
    /// <summary>
    /// RFC 4253 §7.1's choice between two KEXINITs: for each purpose, the first algorithm on the
    /// client's list that the server also lists. A MAC is not needed when the cipher is an AEAD one
    /// (chacha20-poly1305, AES-GCM), so a MAC mismatch under such a cipher is no mismatch.
    /// </summary>
    public static class AlgorithmNegotiation
    {
        /// <summary>The markers RFC 8308 and OpenSSH's strict KEX put into the kex list; they are never chosen.</summary>
        private static readonly string[] KexMarkers = { "ext-info-c", "ext-info-s", "kex-strict-c-v00@openssh.com", "kex-strict-s-v00@openssh.com" };

        /// <summary>Every purpose's agreement, in the message's order; the first mismatch is where the handshake stops.</summary>
        public static IReadOnlyList<AlgorithmAgreement> Negotiate(SshKexInit client, SshKexInit server)
        {
            var kex = Agree("Kex", Without(client.KexAlgorithms, KexMarkers), Without(server.KexAlgorithms, KexMarkers));
            var hostKey = Agree("HostKey", client.ServerHostKeyAlgorithms, server.ServerHostKeyAlgorithms);
            var cipherOut = Agree("CipherClientToServer", client.EncryptionClientToServer, server.EncryptionClientToServer);
            var cipherIn = Agree("CipherServerToClient", client.EncryptionServerToClient, server.EncryptionServerToClient);
            return new[]
            {
                kex,
                hostKey,
                cipherOut,
                cipherIn,
                Mac("MacClientToServer", cipherOut.Agreed, client.MacClientToServer, server.MacClientToServer),
                Mac("MacServerToClient", cipherIn.Agreed, client.MacServerToClient, server.MacServerToClient),
                Agree("CompressionClientToServer", client.CompressionClientToServer, server.CompressionClientToServer),
                Agree("CompressionServerToClient", client.CompressionServerToClient, server.CompressionServerToClient),
            };
        }

        /// <summary>True for ciphers that authenticate the data themselves, so no MAC is negotiated.</summary>
        public static bool IsAead(string? cipher) =>
            cipher != null && (cipher.StartsWith("chacha20-poly1305", StringComparison.Ordinal) || cipher.StartsWith("aes128-gcm", StringComparison.Ordinal) || cipher.StartsWith("aes256-gcm", StringComparison.Ordinal));

        private static AlgorithmAgreement Mac(string purpose, string? cipher, IReadOnlyList<string> client, IReadOnlyList<string> server)
        {
            var agreement = Agree(purpose, client, server);
            return agreement.IsMismatch && IsAead(cipher) ? new AlgorithmAgreement(purpose, "<implicit>", client, server) : agreement;
        }

        private static AlgorithmAgreement Agree(string purpose, IReadOnlyList<string> client, IReadOnlyList<string> server) =>
            new AlgorithmAgreement(purpose, client.FirstOrDefault(server.Contains), client, server);

        private static IReadOnlyList<string> Without(IReadOnlyList<string> names, string[] markers) => names.Where(n => !markers.Contains(n)).ToList();
    }
}
