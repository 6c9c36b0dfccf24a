using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using SshTriage.Net;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// Whether sshd lets a user in, decided as sshd decides it (OpenSSH auth.c, allowed_user):
    /// DenyUsers, then AllowUsers (USER or USER@HOST patterns, HOST a pattern list or CIDR),
    /// then the user's groups against DenyGroups and AllowGroups.
    /// </summary>
    public static class UserAccess
    {
        /// <summary>One verdict: refused or not, the directive that decides, and whether the groups were needed.</summary>
        public sealed class Verdict
        {
            internal Verdict(bool refused, string reason, IReadOnlyList<string> directives, bool usedGroups)
            {
                Refused = refused;
                Reason = reason;
                Directives = directives;
                UsedGroups = usedGroups;
            }

            /// <summary>True when sshd refuses the user.</summary>
            public bool Refused { get; }

            /// <summary>sshd's own words for it ("not listed in AllowUsers"), or why it admits.</summary>
            public string Reason { get; }

            /// <summary>The sshd -T lines that decide, e.g. "allowusers alice".</summary>
            public IReadOnlyList<string> Directives { get; }

            /// <summary>True when the user's groups decided (or had to be looked at).</summary>
            public bool UsedGroups { get; }
        }

        /// <summary>
        /// The verdict for <paramref name="user"/> from <paramref name="address"/> (also the
        /// host name: sshd uses the address without UseDNS). Null when it depends on the user's
        /// groups and <paramref name="groups"/> is null (not read, or no such user).
        /// </summary>
        public static Verdict? Decide(SshdConfig config, string user, IPAddress address, IReadOnlyList<string>? groups)
        {
            var host = address.ToString();
            var deniedBy = config.DenyUsers.FirstOrDefault(p => MatchUser(user, host, address, p));
            if (deniedBy != null)
            {
                return new Verdict(true, "listed in DenyUsers", new[] { "denyusers " + deniedBy }, false);
            }

            if (config.AllowUsers.Length > 0 && !config.AllowUsers.Any(p => MatchUser(user, host, address, p)))
            {
                return new Verdict(true, "not listed in AllowUsers", config.AllowUsers.Select(p => "allowusers " + p).ToList(), false);
            }

            if (config.DenyGroups.Length == 0 && config.AllowGroups.Length == 0)
            {
                return new Verdict(false, "no AllowUsers, DenyUsers, AllowGroups or DenyGroups entry refuses it", Array.Empty<string>(), false);
            }

            if (groups == null)
            {
                return null;
            }

            var denyingGroup = config.DenyGroups.FirstOrDefault(p => groups.Any(g => Glob(g, p)));
            if (denyingGroup != null)
            {
                return new Verdict(true, "a group is listed in DenyGroups", new[] { "denygroups " + denyingGroup }, true);
            }

            if (config.AllowGroups.Length > 0 && !config.AllowGroups.Any(p => groups.Any(g => Glob(g, p))))
            {
                return new Verdict(true, "none of user's groups are listed in AllowGroups", config.AllowGroups.Select(p => "allowgroups " + p).ToList(), true);
            }

            return new Verdict(false, "its groups pass DenyGroups and AllowGroups", Array.Empty<string>(), true);
        }

        // match.c match_user: USER, or USER@HOSTS where HOSTS is a comma list of host or
        // address patterns and CIDR blocks, "!" negating.
        private static bool MatchUser(string user, string host, IPAddress address, string pattern)
        {
            var at = pattern.LastIndexOf('@');
            if (at < 0)
            {
                return Glob(user, pattern);
            }

            return Glob(user, pattern.Substring(0, at)) && MatchHost(host, address, pattern.Substring(at + 1));
        }

        // match.c match_host_and_ip: a negated match anywhere refuses; otherwise any positive one.
        private static bool MatchHost(string host, IPAddress address, string patterns)
        {
            var matched = false;
            foreach (var raw in patterns.Split(','))
            {
                var negated = raw.StartsWith("!", StringComparison.Ordinal);
                var pattern = negated ? raw.Substring(1) : raw;
                var hit = pattern.IndexOf('/') >= 0
                    ? IPPrefix.TryParse(pattern, out var prefix) && prefix.Contains(address)
                    : Glob(host.ToLowerInvariant(), pattern.ToLowerInvariant());
                if (hit && negated)
                {
                    return false;
                }

                matched |= hit;
            }

            return matched;
        }

        // match.c match_pattern: '*' any run, '?' any one character.
        private static bool Glob(string text, string pattern) =>
            Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
