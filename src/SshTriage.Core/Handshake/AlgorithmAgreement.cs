using System.Collections.Generic;

namespace SshTriage.Handshake
{
    /// <summary>
    /// What a client and a server agree on for one purpose (key exchange, host key, cipher, MAC,
    /// compression): the algorithm chosen, or none, with both offers to show why.
    /// </summary>
    /// <param name="Purpose">Kex, HostKey, CipherClientToServer, CipherServerToClient, MacClientToServer, MacServerToClient, CompressionClientToServer or CompressionServerToClient.</param>
    /// <param name="Agreed">The algorithm both sides use; null when they share none (the connection fails here).</param>
    /// <param name="ClientOffer">The client's list, most preferred first.</param>
    /// <param name="ServerOffer">The server's list, most preferred first.</param>
    public sealed record AlgorithmAgreement(string Purpose, string? Agreed, IReadOnlyList<string> ClientOffer, IReadOnlyList<string> ServerOffer)
    {
        /// <summary>True when the two sides share no algorithm for this purpose.</summary>
        public bool IsMismatch => Agreed == null;
    }
}
