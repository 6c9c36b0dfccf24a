using System.Collections.Generic;

namespace SshTriage.Handshake
{
    /// <summary>
    /// What a client and a server agree on for one purpose (key exchange, host key, cipher, MAC,
    /// compression): the algorithm chosen, or none, with both offers to show why.
    /// </summary>
    public sealed class AlgorithmAgreement
    {
        /// <summary>Creates the agreement for <paramref name="purpose"/>.</summary>
        public AlgorithmAgreement(string purpose, string? agreed, IReadOnlyList<string> clientOffer, IReadOnlyList<string> serverOffer)
        {
            Purpose = purpose;
            Agreed = agreed;
            ClientOffer = clientOffer;
            ServerOffer = serverOffer;
        }

        /// <summary>Kex, HostKey, CipherClientToServer, CipherServerToClient, MacClientToServer, MacServerToClient, CompressionClientToServer or CompressionServerToClient.</summary>
        public string Purpose { get; }

        /// <summary>The algorithm both sides use; null when they share none (the connection fails here).</summary>
        public string? Agreed { get; }

        /// <summary>The client's list, most preferred first.</summary>
        public IReadOnlyList<string> ClientOffer { get; }

        /// <summary>The server's list, most preferred first.</summary>
        public IReadOnlyList<string> ServerOffer { get; }

        /// <summary>True when the two sides share no algorithm for this purpose.</summary>
        public bool IsMismatch => Agreed == null;
    }
}
