using System.Collections.Generic;
using System.Linq;
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
        // Each fail2ban-client is a Python start of its own, so a jail's queries run at once,
        // each into its own file ($sst_tmp is the collector's), and print in order afterwards.
        private const string Walk =
            "q() { printf '@@sst query %s\\n' \"$*\"; fail2ban-client \"$@\" 2>&1; printf '@@sst exit %s\\n' \"$?\"; }; " +
            "d=$sst_tmp/fail2ban; mkdir -p \"$d\"; q status > \"$d/0\"; cat \"$d/0\"; i=0; " +
            "for j in $(sed -n 's/.*Jail list:[[:space:]]*//p' \"$d/0\" | tr ',' ' '); do " +
            "case \"$j\" in *[!A-Za-z0-9_.-]*) continue ;; esac; " +
            "i=$((i + 1)); " +
            "( printf '@@sst jail %s\\n' \"$j\" > \"$d/$i.0\"; " +
            "q status \"$j\" > \"$d/$i.1\" & q get \"$j\" banip --with-time > \"$d/$i.2\" & q get \"$j\" ignoreip > \"$d/$i.3\" & " +
            "q get \"$j\" actions > \"$d/$i.4\" & q get \"$j\" bantime > \"$d/$i.5\" & q get \"$j\" findtime > \"$d/$i.6\" & " +
            "q get \"$j\" maxretry > \"$d/$i.7\" & q get \"$j\" logpath > \"$d/$i.8\" & q get \"$j\" journalmatch > \"$d/$i.9\" & " +
            "k=10; for a in $(fail2ban-client get \"$j\" actions 2>/dev/null | sed '1d' | tr ',' ' '); do " +
            "case \"$a\" in *[!A-Za-z0-9_.-]*) continue ;; esac; q get \"$j\" action \"$a\" port > \"$d/$i.$k\" & k=$((k + 1)); done; " +
            "wait ) & " +
            "done; wait; " +
            "n=1; while [ \"$n\" -le \"$i\" ]; do k=0; while [ -f \"$d/$n.$k\" ]; do cat \"$d/$n.$k\"; k=$((k + 1)); done; n=$((n + 1)); done";

        /// <summary>Every jail's state.</summary>
        public static CollectorSection Fail2Ban { get; } = new CollectorSection(Names.Fail2Ban, "fail2ban-client", Walk);

        /// <summary>The file Unblock-Fail2BanIp -AddToIgnoreList edits.</summary>
        public const string JailLocalPath = "/etc/fail2ban/jail.local";

        /// <summary>jail.local as exact bytes (base64) after its sha256, or "missing".</summary>
        public static CollectorSection JailLocal { get; } = new CollectorSection(
            Names.JailLocal,
            null,
            "f=" + JailLocalPath + "; if [ -f \"$f\" ]; then sha256sum < \"$f\" | cut -d' ' -f1; base64 < \"$f\"; else echo missing; fi");

        /// <summary>The sections a full collection runs (<see cref="JailLocal"/> is read by Unblock-Fail2BanIp's own collector).</summary>
        public static IReadOnlyList<CollectorSection> Collected { get; } = new[] { Fail2Ban };

        /// <summary>What Get-Fail2BanJail needs.</summary>
        public static IReadOnlyList<CollectorSection> Jails { get; } = new[] { Fail2Ban };

        /// <summary>What Get-Fail2BanBan needs: the jails and the firewall rules Test-FirewallAccess reads, which enforce the bans.</summary>
        public static IReadOnlyList<CollectorSection> Bans { get; } = new[] { Fail2Ban }.Concat(FirewallReader.Sections).ToArray();
    }
}
