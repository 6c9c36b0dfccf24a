using System.Collections.Generic;

namespace SshTriage.Handshake
{
    /// <summary>
    /// One side's SSH_MSG_KEXINIT (RFC 4253 §7.1): the algorithms it offers for each purpose, most
    /// preferred first. The server's tells what a client must offer; the two together decide each algorithm.
    /// </summary>
    /// <param name="KexAlgorithms">Key exchange methods, e.g. curve25519-sha256; also the markers ext-info-s and kex-strict-s-v00@openssh.com.</param>
    /// <param name="ServerHostKeyAlgorithms">Host key (signature) algorithms, e.g. ssh-ed25519, rsa-sha2-512.</param>
    /// <param name="EncryptionClientToServer">Ciphers from client to server.</param>
    /// <param name="EncryptionServerToClient">Ciphers from server to client.</param>
    /// <param name="MacClientToServer">MACs from client to server (unused with an AEAD cipher).</param>
    /// <param name="MacServerToClient">MACs from server to client.</param>
    /// <param name="CompressionClientToServer">Compression from client to server.</param>
    /// <param name="CompressionServerToClient">Compression from server to client.</param>
    /// <param name="FirstKexPacketFollows">True when the sender guessed the key exchange and sent its first packet already.</param>
    public sealed record SshKexInit(
        IReadOnlyList<string> KexAlgorithms,
        IReadOnlyList<string> ServerHostKeyAlgorithms,
        IReadOnlyList<string> EncryptionClientToServer,
        IReadOnlyList<string> EncryptionServerToClient,
        IReadOnlyList<string> MacClientToServer,
        IReadOnlyList<string> MacServerToClient,
        IReadOnlyList<string> CompressionClientToServer,
        IReadOnlyList<string> CompressionServerToClient,
        bool FirstKexPacketFollows);
}
