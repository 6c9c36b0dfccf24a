using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;
using SshTriage.Handshake;

namespace SshTriage.SshNet
{
    /// <summary>SSH.NET's algorithm offer for a connection, as its KEXINIT lists it, and how to narrow it.</summary>
    internal static class ClientOffer
    {
        /// <summary>The offer <paramref name="info"/> makes, most preferred first (SSH.NET uses one list for both directions).</summary>
        public static SshKexInit Of(ConnectionInfo info)
        {
            var ciphers = info.Encryptions.Select(a => a.Key).ToList();
            var macs = info.HmacAlgorithms.Select(a => a.Key).ToList();
            var compression = info.CompressionAlgorithms.Select(a => a.Key).ToList();
            return new SshKexInit(
                info.KeyExchangeAlgorithms.Select(a => a.Key).ToList(),
                info.HostKeyAlgorithms.Select(a => a.Key).ToList(),
                ciphers,
                ciphers,
                macs,
                macs,
                compression,
                compression,
                false);
        }

        /// <summary>Keeps only the host key algorithms in <paramref name="allowed"/> (ssh's HostKeyAlgorithms); an empty list keeps all.</summary>
        public static void RestrictHostKeys(ConnectionInfo info, IReadOnlyList<string> allowed)
        {
            if (allowed.Count == 0)
            {
                return;
            }

            foreach (var name in info.HostKeyAlgorithms.Select(a => a.Key).Where(k => !allowed.Contains(k)).ToList())
            {
                info.HostKeyAlgorithms.Remove(name);
            }
        }
    }
}
