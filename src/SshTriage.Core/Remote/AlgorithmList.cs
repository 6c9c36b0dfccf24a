using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SshTriage.Fail2Ban;

namespace SshTriage.Remote
{
    /// <summary>
    /// The algorithm options of ssh_config (KexAlgorithms, Ciphers, MACs, HostKeyAlgorithms) as
    /// ssh reads them, so that -SshOption means the same on both transports: a plain list
    /// replaces the default offer, "+list" appends to it, "^list" puts the list first, and
    /// "-list" (wildcards allowed) removes from it.
    /// </summary>
    public static class AlgorithmList
    {
        /// <summary>The ssh options that name an algorithm list.</summary>
        public static IReadOnlyList<string> OptionNames { get; } = new[] { "KexAlgorithms", "Ciphers", "MACs", "HostKeyAlgorithms" };

        private static readonly Regex Syntax = new Regex(@"^[+\-^]?[A-Za-z0-9@._*?-]+(,[A-Za-z0-9@._*?-]+)*$", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="key"/> is one of <see cref="OptionNames"/> (any case, as ssh takes it).</summary>
        public static bool IsOption(string key) => OptionNames.Contains(key, StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether <paramref name="spec"/> has the shape of an algorithm list; which names a client knows is checked when it connects.</summary>
        public static bool IsWellFormed(string spec) => Syntax.IsMatch(spec);

        /// <summary>
        /// The offer <paramref name="spec"/> makes of <paramref name="defaults"/>, taking names from
        /// <paramref name="supported"/> (everything the client could offer, in its order). False,
        /// with the reason, for a name the client does not support or an offer left empty.
        /// </summary>
        public static bool TryAssemble(string option, string spec, IReadOnlyList<string> defaults, IReadOnlyList<string> supported, out IReadOnlyList<string> offer, out string error)
        {
            offer = defaults;
            error = string.Empty;
            if (!IsWellFormed(spec))
            {
                error = $"{option}={spec} is not a list of algorithm names (optionally after +, - or ^).";
                return false;
            }

            var mode = spec[0] == '+' || spec[0] == '-' || spec[0] == '^' ? spec[0] : ' ';
            var names = (mode == ' ' ? spec : spec.Substring(1)).Split(',');
            if (mode == '-')
            {
                offer = defaults.Where(name => !names.Any(pattern => Wildcard.IsMatch(name, pattern))).ToList();
            }
            else
            {
                var unknown = names.Where(name => !supported.Contains(name, StringComparer.Ordinal)).ToList();
                if (unknown.Count > 0)
                {
                    error = $"{option}: the SSH.NET transport does not support {string.Join(", ", unknown)}. It supports: {string.Join(",", supported)}.";
                    return false;
                }

                offer = (mode == '+' ? defaults.Concat(names) : mode == '^' ? names.Concat(defaults) : names).Distinct(StringComparer.Ordinal).ToList();
            }

            if (offer.Count == 0)
            {
                error = $"{option}={spec} leaves nothing to offer.";
                return false;
            }

            return true;
        }
    }
}
