using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SshTriage.Sshd
{
    /// <summary>Reads <c>sshd -T</c>: one "keyword value" line per setting, repeated for multi-valued keywords.</summary>
    public static class SshdConfigParser
    {
        /// <summary>Parses the dump into a config object with the triage properties filled in.</summary>
        public static SshdConfig Parse(string computerName, string output) => Parse(computerName, output, null, null, null, null, null);

        /// <summary>
        /// As <see cref="Parse(string, string)"/>, for a dump whose Match blocks sshd evaluated for
        /// <paramref name="matchUser"/>, <paramref name="matchHost"/> and <paramref name="matchAddress"/>,
        /// with sshd -t's verdict on the file on disk.
        /// </summary>
        internal static SshdConfig Parse(string computerName, string output, string? matchUser, string? matchHost, string? matchAddress, bool? isValid, string? validationMessage)
        {
            var collected = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var space = line.IndexOf(' ');
                var key = (space < 0 ? line : line.Substring(0, space)).ToLowerInvariant();
                var value = space < 0 ? string.Empty : line.Substring(space + 1).Trim();
                if (!collected.TryGetValue(key, out var values))
                {
                    collected[key] = values = new List<string>();
                }

                values.Add(value);
            }

            var settings = collected.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            string? One(string key) => settings.TryGetValue(key, out var v) && v.Length > 0 ? v[0] : null;
            string[] Words(string key) => settings.TryGetValue(key, out var v)
                ? v.SelectMany(x => x.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)).ToArray()
                : Array.Empty<string>();

            return new SshdConfig(computerName, settings)
            {
                MatchUser = matchUser,
                MatchHost = matchHost,
                MatchAddress = matchAddress,
                Port = Words("port").Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).ToArray(),
                ListenAddress = settings.TryGetValue("listenaddress", out var listen) ? listen : Array.Empty<string>(),
                AddressFamily = One("addressfamily"),
                AllowUsers = Words("allowusers"),
                DenyUsers = Words("denyusers"),
                AllowGroups = Words("allowgroups"),
                DenyGroups = Words("denygroups"),
                MaxStartups = One("maxstartups"),
                PerSourcePenalties = One("persourcepenalties"),
                PermitRootLogin = One("permitrootlogin"),
                PasswordAuthentication = YesNo(One("passwordauthentication")),
                PubkeyAuthentication = YesNo(One("pubkeyauthentication")),
                UseDns = YesNo(One("usedns")),
                LoginGraceTime = int.TryParse(One("logingracetime"), NumberStyles.None, CultureInfo.InvariantCulture, out var grace) ? grace : (int?)null,
                IsValid = isValid,
                ValidationMessage = validationMessage,
            };
        }

        private static bool? YesNo(string? value) =>
            string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(value, "no", StringComparison.OrdinalIgnoreCase) ? false
            : (bool?)null;
    }
}
