using System.Collections.Generic;

namespace SshTriage.Handshake
{
    /// <summary>
    /// One side's SSH_MSG_KEXINIT (RFC 4253 §7.1): the algorithms it offers for each purpose, most
    /// preferred first. The server's tells what a client must offer; the two together decide each algorithm.
    /// </summary>
    public sealed class SshKexInit
    {
        /// <summary>Creates the offer from its name-lists, in the message's order.</summary>
        public SshKexInit(
            IReadOnlyList<string> kexAlgorithms,
            IReadOnlyList<string> serverHostKeyAlgorithms,
            IReadOnlyList<string> encryptionClientToServer,
            IReadOnlyList<string> encryptionServerToClient,
            IReadOnlyList<string> macClientToServer,
            IReadOnlyList<string> macServerToClient,
            IReadOnlyList<string> compressionClientToServer,
            IReadOnlyList<string> compressionServerToClient,
            bool firstKexPacketFollows)
        {
            KexAlgorithms = kexAlgorithms;
            ServerHostKeyAlgorithms = serverHostKeyAlgorithms;
            EncryptionClientToServer = encryptionClientToServer;
            EncryptionServerToClient = encryptionServerToClient;
            MacClientToServer = macClientToServer;
            MacServerToClient = macServerToClient;
            CompressionClientToServer = compressionClientToServer;
            CompressionServerToClient = compressionServerToClient;
            FirstKexPacketFollows = firstKexPacketFollows;
        }

        /// <summary>Key exchange methods, e.g. curve25519-sha256; also the markers ext-info-s and kex-strict-s-v00@openssh.com.</summary>
        public IReadOnlyList<string> KexAlgorithms { get; }

        /// <summary>Host key (signature) algorithms, e.g. ssh-ed25519, rsa-sha2-512.</summary>
        public IReadOnlyList<string> ServerHostKeyAlgorithms { get; }

        /// <summary>Ciphers from client to server.</summary>
        public IReadOnlyList<string> EncryptionClientToServer { get; }

        /// <summary>Ciphers from server to client.</summary>
        public IReadOnlyList<string> EncryptionServerToClient { get; }

        /// <summary>MACs from client to server (unused with an AEAD cipher).</summary>
        public IReadOnlyList<string> MacClientToServer { get; }

        /// <summary>MACs from server to client.</summary>
        public IReadOnlyList<string> MacServerToClient { get; }

        /// <summary>Compression from client to server.</summary>
        public IReadOnlyList<string> CompressionClientToServer { get; }

        /// <summary>Compression from server to client.</summary>
        public IReadOnlyList<string> CompressionServerToClient { get; }

        /// <summary>True when the sender guessed the key exchange and sent its first packet already.</summary>
        public bool FirstKexPacketFollows { get; }
    }
}
