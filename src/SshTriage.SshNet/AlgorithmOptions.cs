using System;
using System.Collections.Generic;
using System.Linq;
using Renci.SshNet;
using SshTriage.Remote;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Applies the algorithm options of -SshOption (KexAlgorithms, Ciphers, MACs,
    /// HostKeyAlgorithms) to SSH.NET's offer as ssh applies them to its own: over the default
    /// offer (OpenSSH's policy), with explicit names taken from all SSH.NET supports.
    /// </summary>
    internal static class AlgorithmOptions
    {
        /// <summary>
        /// Narrows or reorders the offer of <paramref name="info"/>. True when HostKeyAlgorithms was
        /// given (its order is then the user's). A name SSH.NET lacks is an error that names what
        /// it supports.
        /// </summary>
        public static bool Apply(ConnectionInfo info, IEnumerable<KeyValuePair<string, string>> options, string host)
        {
            var given = options.Where(o => AlgorithmList.IsOption(o.Key)).ToList();
            if (given.Count == 0)
            {
                return false;
            }

            // Everything SSH.NET can offer, before any policy narrowed it: what + and ^ may name.
            var supported = new ConnectionInfo(info.Host, info.Username, new NoneAuthenticationMethod(info.Username));
            var hostKeysGiven = false;
            foreach (var option in given)
            {
                switch (AlgorithmList.OptionNames.First(n => string.Equals(n, option.Key, StringComparison.OrdinalIgnoreCase)))
                {
                    case "KexAlgorithms":
                        Set(info.KeyExchangeAlgorithms, supported.KeyExchangeAlgorithms, option, host);
                        break;
                    case "Ciphers":
                        Set(info.Encryptions, supported.Encryptions, option, host);
                        break;
                    case "MACs":
                        Set(info.HmacAlgorithms, supported.HmacAlgorithms, option, host);
                        break;
                    default:
                        Set(info.HostKeyAlgorithms, supported.HostKeyAlgorithms, option, host);
                        hostKeysGiven = true;
                        break;
                }
            }

            return hostKeysGiven;
        }

        private static void Set<T>(IDictionary<string, T> offer, IDictionary<string, T> supported, KeyValuePair<string, string> option, string host)
        {
            if (!AlgorithmList.TryAssemble(option.Key, option.Value, offer.Keys.ToList(), supported.Keys.ToList(), out var names, out var error))
            {
                throw new RemoteShellException(RemoteTargetBuilder.InvalidTarget(host, error));
            }

            offer.Clear();
            foreach (var name in names)
            {
                offer.Add(name, supported[name]);
            }
        }
    }
}
