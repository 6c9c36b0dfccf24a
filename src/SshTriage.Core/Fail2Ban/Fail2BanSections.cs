using System.Collections.Generic;
using SshTriage.Evidence;
using SshTriage.Firewall;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// What the collector asks Fail2Ban and the firewalls that enforce its bans. The jail list
    /// comes from the server itself, so one section walks every jail; each answer is framed by
    /// "@@sst" lines that <see cref="FramedOutput"/> reads back.
    /// </summary>
    public static class Fail2BanSections
    {
        /// <summary>Section names.</summary>
        public static class Names
        {
            /// <summary>fail2ban-client's answers for every jail.</summary>
            public const string Fail2Ban = "fail2ban";

            /// <summary>jail.local, base64, with its checksum.</summary>
            public const string JailLocal = "fail2ban-jail-local";
        }

        // Jail names are checked on the server before use: only [A-Za-z0-9_.-] reaches a command line.
        private const string Walk =
            "q() { printf '@@sst query %s\\n' \"$*\"; fail2ban-client \"$@\" 2>&1; printf '@@sst exit %s\\n' \"$?\"; }; " +
            "q status; " +
            "for j in $(fail2ban-client status 2>/dev/null | sed -n 's/.*Jail list:[[:space:]]*//p' | tr ',' ' '); do " +
            "case \"$j\" in *[!A-Za-z0-9_.-]*) continue ;; esac; " +
            "printf '@@sst jail %s\\n' \"$j\"; " +
            "q status \"$j\"; q get \"$j\" banip --with-time; q get \"$j\" ignoreip; q get \"$j\" actions; " +
            "q get \"$j\" bantime; q get \"$j\" findtime; q get \"$j\" maxretry; q get \"$j\" logpath; q get \"$j\" journalmatch; " +
            "for a in $(fail2ban-client get \"$j\" actions 2>/dev/null | sed '1d' | tr ',' ' '); do " +
            "case \"$a\" in *[!A-Za-z0-9_.-]*) continue ;; esac; q get \"$j\" action \"$a\" port; done; " +
            "done";

        /// <summary>Every jail's state.</summary>
        public static CollectorSection Fail2Ban { get; } = new CollectorSection(Names.Fail2Ban, "fail2ban-client", Walk);

        /// <summary>The file Unblock-Fail2BanIp -AddToIgnoreList edits.</summary>
        public const string JailLocalPath = "/etc/fail2ban/jail.local";

        /// <summary>jail.local as exact bytes (base64) after its sha256, or "missing".</summary>
        public static CollectorSection JailLocal { get; } = new CollectorSection(
            Names.JailLocal,
            null,
            "f=" + JailLocalPath + "; if [ -f \"$f\" ]; then sha256sum < \"$f\" | cut -d' ' -f1; base64 < \"$f\"; else echo missing; fi");

        /// <summary>What Get-Fail2BanJail needs.</summary>
        public static IReadOnlyList<CollectorSection> Jails { get; } = new[] { Fail2Ban };

        /// <summary>What Get-Fail2BanBan needs: the jails and every firewall that may enforce a ban.</summary>
        public static IReadOnlyList<CollectorSection> Bans { get; } = new[] { Fail2Ban, FirewallSections.IptablesSave, FirewallSections.NftRuleset, FirewallSections.Ipset, FirewallSections.Ufw };
    }
}
