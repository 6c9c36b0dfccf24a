using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Takes out of SSH.NET's offer what OpenSSH's client (9.x) no longer offers by default:
    /// SHA-1 key exchanges, CBC and 3DES ciphers, and ssh-rsa (SHA-1) host key signatures. A
    /// server that speaks only those is refused, as ssh would refuse it, rather than accepted
    /// on a weaker footing.
    /// </summary>
    internal static class AlgorithmPolicy
    {
        private static readonly string[] KeyExchanges = { "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1" };
        private static readonly string[] Ciphers = { "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc" };
        private static readonly string[] HostKeys = { "ssh-rsa", "ssh-rsa-cert-v01@openssh.com" };

        public static void Apply(ConnectionInfo info)
        {
            Remove(info.KeyExchangeAlgorithms, KeyExchanges);
            Remove(info.Encryptions, Ciphers);
            Remove(info.HostKeyAlgorithms, HostKeys);
        }

        private static void Remove<T>(IDictionary<string, T> offer, IEnumerable<string> names)
        {
            foreach (var name in names.Where(offer.ContainsKey))
            {
                offer.Remove(name);
            }
        }
    }
}
