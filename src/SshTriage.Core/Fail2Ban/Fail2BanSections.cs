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
        // Each fail2ban-client is a Python start of its own, so the jails' queries run at once, each
        // into its own file in a private folder from mktemp, and print in order afterwards. Where no
        // folder can be made (a read-only /tmp) they run one after another: the section never writes
        // anywhere else, so concurrent collections never share a file.
        private const string Walk =
            "q() { printf '@@sst query %s\\n' \"$*\"; fail2ban-client \"$@\" 2>&1; printf '@@sst exit %s\\n' \"$?\"; }; " +
            "p() { if [ -n \"$d\" ]; then q \"$@\" > \"$d/$i.$k\" & else q \"$@\"; fi; k=$((k + 1)); }; " +
            "s=$(q status); printf '%s\\n' \"$s\"; " +
            "d=$(mktemp -d 2>/dev/null) || d=; i=0; " +
            "for j in $(printf '%s\\n' \"$s\" | sed -n 's/.*Jail list:[[:space:]]*//p' | tr ',' ' '); do " +
            "case \"$j\" in *[!A-Za-z0-9_.-]*) continue ;; esac; " +
            "i=$((i + 1)); k=1; " +
            "if [ -n \"$d\" ]; then printf '@@sst jail %s\\n' \"$j\" > \"$d/$i.0\"; else printf '@@sst jail %s\\n' \"$j\"; fi; " +
            "p status \"$j\"; p get \"$j\" banip --with-time; p get \"$j\" ignoreip; p get \"$j\" actions; p get \"$j\" bantime; " +
            "p get \"$j\" findtime; p get \"$j\" maxretry; p get \"$j\" logpath; p get \"$j\" journalmatch; " +
            "for a in $(fail2ban-client get \"$j\" actions 2>/dev/null | sed '1d' | tr ',' ' '); do " +
            "case \"$a\" in *[!A-Za-z0-9_.-]*) continue ;; esac; p get \"$j\" action \"$a\" port; done; " +
            "done; " +
            "if [ -n \"$d\" ]; then wait; n=1; while [ \"$n\" -le \"$i\" ]; do k=0; while [ -f \"$d/$n.$k\" ]; do cat \"$d/$n.$k\"; k=$((k + 1)); done; n=$((n + 1)); done; rm -rf \"$d\"; fi";

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
