using System.Collections.Generic;
using SshTriage.Evidence;

namespace SshTriage.Firewall
{
    /// <summary>What the collector reads of the host's firewalls: every tool that may hold rules, as it prints them.</summary>
    public static class FirewallSections
    {
        /// <summary>Section names.</summary>
        public static class Names
        {
            /// <summary>iptables-save and ip6tables-save, nft and legacy backends, framed by "@@sst" lines.</summary>
            public const string IptablesSave = "fw-iptables-save";

            /// <summary>nft -j list ruleset.</summary>
            public const string NftJson = "fw-nft-json";

            /// <summary>ipset list.</summary>
            public const string Ipset = "fw-ipset";

            /// <summary>ufw status.</summary>
            public const string Ufw = "fw-ufw";

            /// <summary>firewalld's zones, when it runs.</summary>
            public const string Firewalld = "fw-firewalld";

            /// <summary>The state of rate limits: -m recent lists and hashlimit tables, with the kernel's clock.</summary>
            public const string RateLimits = "fw-rate-limits";

            /// <summary>Every section that holds rules (the rate-limit state holds none).</summary>
            public static readonly string[] All = { IptablesSave, NftJson, Ipset, Ufw, Firewalld };
        }

        /// <summary>The sections a full collection runs.</summary>
        public static IReadOnlyList<CollectorSection> Collected => new[] { IptablesSave, NftJson, Ipset, Ufw, Firewalld, RateLimits };

        /// <summary>The iptables rule sets of both backends and families, with counters.</summary>
        public static CollectorSection IptablesSave { get; } = new CollectorSection(
            Names.IptablesSave,
            null,
            "for t in iptables-save ip6tables-save iptables-legacy-save ip6tables-legacy-save; do " +
            "if command -v \"$t\" >/dev/null 2>&1; then printf '@@sst query %s\\n' \"$t\"; \"$t\" -c 2>&1; printf '@@sst exit %s\\n' \"$?\"; fi; done");

        /// <summary>ipset's sets and members.</summary>
        public static CollectorSection Ipset { get; } = new CollectorSection(Names.Ipset, "ipset", "ipset list");

        /// <summary>ufw's rules.</summary>
        public static CollectorSection Ufw { get; } = new CollectorSection(Names.Ufw, "ufw", "LANG=C ufw status verbose");

        /// <summary>firewalld's zones when it runs; when it does not, its state on standard error and exit 3.</summary>
        public static CollectorSection Firewalld { get; } = new CollectorSection(
            Names.Firewalld,
            "firewall-cmd",
            "if firewall-cmd --state >/dev/null 2>&1; then firewall-cmd --list-all-zones; else firewall-cmd --state; exit 3; fi");

        /// <summary>
        /// What decides whether a rate limit refuses a source now: every -m recent list (ufw's
        /// limit keeps its hits there) and hashlimit table of this network namespace, after
        /// the kernel's jiffies and uptime, which date their time stamps. Root only.
        /// </summary>
        public static CollectorSection RateLimits { get; } = new CollectorSection(
            Names.RateLimits,
            null,
            "printf 'jiffies=%s\\nuptime=%s\\n' \"$(sed -n 's/^jiffies: //p' /proc/timer_list 2>/dev/null | head -n 1)\" \"$(cut -d' ' -f1 /proc/uptime)\"; " +
            "for f in /proc/net/xt_recent/* /proc/net/ipt_hashlimit/* /proc/net/ip6t_hashlimit/*; do " +
            "[ -f \"$f\" ] || continue; printf '@@sst list %s\\n' \"$f\"; cat \"$f\"; done");

        /// <summary>The nftables rule set as JSON, the form whose sets, ranges and priorities are unambiguous.</summary>
        public static CollectorSection NftJson { get; } = new CollectorSection(Names.NftJson, "nft", "nft -j list ruleset");
    }
}
