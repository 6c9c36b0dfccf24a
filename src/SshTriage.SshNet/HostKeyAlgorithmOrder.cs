using System;
using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Asks first for the host key types known_hosts already holds for the host (and for
    /// certificates when an authority is trusted for it), as ssh does, so a server with several
    /// host keys offers the one that can be checked.
    /// </summary>
    internal static class HostKeyAlgorithmOrder
    {
        private const string CertificateSuffix = "-cert-v01@openssh.com";

        public static void Apply(ConnectionInfo info, IReadOnlyList<string> knownKeyTypes, bool authority)
        {
            if (knownKeyTypes.Count == 0 && !authority)
            {
                return;
            }

            var algorithms = info.HostKeyAlgorithms.ToList();
            var first = algorithms.Where(a => (authority && a.Key.EndsWith(CertificateSuffix, StringComparison.Ordinal))
                || (!a.Key.EndsWith(CertificateSuffix, StringComparison.Ordinal) && knownKeyTypes.Contains(KeyType(a.Key), StringComparer.Ordinal))).ToList();
            info.HostKeyAlgorithms.Clear();
            foreach (var algorithm in first.Concat(algorithms.Except(first)))
            {
                info.HostKeyAlgorithms.Add(algorithm.Key, algorithm.Value);
            }
        }

        // The key type an algorithm signs with: the RSA SHA-2 signatures use ssh-rsa keys.
        private static string KeyType(string algorithm) =>
            algorithm == "rsa-sha2-256" || algorithm == "rsa-sha2-512" ? "ssh-rsa" : algorithm;
    }
}
