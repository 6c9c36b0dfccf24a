using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using SshTriage.Evidence;

namespace SshTriage.Server
{
    /// <summary>
    /// The commands the collector runs, by evidence name. Values from the user are validated by
    /// the caller and single-quoted here; nothing else is variable.
    /// </summary>
    public static class CollectorSections
    {
        /// <summary>Section names, shared by the collector and the parsers.</summary>
        public static class Names
        {
            /// <summary>Who, where and when.</summary>
            public const string Meta = "meta";

            /// <summary>ss -H -ltnp.</summary>
            public const string Listeners = "ss-listen";

            /// <summary>systemd socket units.</summary>
            public const string SystemdSockets = "systemd-sockets";

            /// <summary>sshd -T.</summary>
            public const string SshdEffectiveConfig = "sshd-effective-config";

            /// <summary>sshd -t.</summary>
            public const string SshdConfigTest = "sshd-config-test";

            /// <summary>sshd's log lines.</summary>
            public const string SshdLog = "sshd-log";

            /// <summary>SELinux's mode and the ports labelled ssh_port_t.</summary>
            public const string SELinux = "selinux";
        }

        /// <summary>How many of sshd's newest log lines a full collection keeps.</summary>
        public const int FullCollectionLogLines = 2000;

        /// <summary>Every section, unfiltered: the bundle that answers every server-side cmdlet offline.</summary>
        public static IReadOnlyList<CollectorSection> All => new[]
        {
            Meta,
            Listeners,
            SystemdSockets,
            SshdEffectiveConfig(null, null, null),
            SshdConfigTest,
            SshdLog(null, null, null, FullCollectionLogLines),
            SELinux,
            Fail2Ban.Fail2BanSections.Fail2Ban,
            Firewall.FirewallSections.IptablesSave,
            Firewall.FirewallSections.NftJson,
            Firewall.FirewallSections.Ipset,
            Firewall.FirewallSections.Ufw,
            Firewall.FirewallSections.Firewalld,
            Firewall.FirewallSections.RateLimits,
        };

        /// <summary>Collector format, host name, uid, user, UTC time and kernel.</summary>
        public static CollectorSection Meta { get; } = new CollectorSection(
            Names.Meta,
            null,
            "printf 'collector=" + CollectorScript.FormatVersion.ToString(CultureInfo.InvariantCulture) + "\\nhostname=%s\\nuid=%s\\nuser=%s\\ntime=%s\\noffset=%s\\nos=%s\\n' " +
            "\"$(hostname 2>/dev/null || uname -n)\" \"$(id -u)\" \"$(id -un 2>/dev/null)\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" \"$(date +%z)\" \"$(uname -sr)\"");

        /// <summary>Listening TCP sockets with their processes (the processes need root).</summary>
        public static CollectorSection Listeners { get; } = new CollectorSection(Names.Listeners, "ss", "ss -H -ltnp");

        /// <summary>systemd socket units (socket activation of sshd).</summary>
        public static CollectorSection SystemdSockets { get; } = new CollectorSection(
            Names.SystemdSockets, "systemctl", "systemctl list-sockets --all --no-legend --no-pager --full");

        /// <summary>SELinux's mode, then the ssh_port_t lines of semanage (when policycoreutils is there).</summary>
        public static CollectorSection SELinux { get; } = new CollectorSection(
            Names.SELinux, "getenforce", "getenforce; if command -v semanage >/dev/null 2>&1; then semanage port -l | grep '^ssh_port_t'; fi");

        /// <summary>sshd -t: is the configuration on disk valid.</summary>
        public static CollectorSection SshdConfigTest { get; } = new CollectorSection(Names.SshdConfigTest, "sshd", "sshd -t");

        /// <summary>sshd -T, with -C when a user, host or address is given so Match blocks apply.</summary>
        public static CollectorSection SshdEffectiveConfig(string? user, string? host, IPAddress? address)
        {
            var spec = new List<string>();
            if (user != null)
            {
                spec.Add("user=" + user);
            }

            if (host != null)
            {
                spec.Add("host=" + host);
            }

            if (address != null)
            {
                spec.Add("addr=" + address);
            }

            var command = spec.Count == 0 ? "sshd -T" : "sshd -T -C " + ShellQuote.Single(string.Join(",", spec));
            return new CollectorSection(Names.SshdEffectiveConfig, "sshd", command);
        }

        /// <summary>
        /// sshd's log lines from the journal or the auth log, filtered on the server so only the
        /// needed lines travel: the first output line names the source.
        /// </summary>
        public static CollectorSection SshdLog(IPAddress? address, string? user, DateTimeOffset? since, int? last)
        {
            const string SshdLines = "grep -E '(sshd|sshd-session|sshd-auth)\\[[0-9]+\\]:'";
            var filters = new List<string>();
            if (address != null)
            {
                filters.Add("grep -F -e " + ShellQuote.Single(address.ToString()));
            }

            if (user != null)
            {
                filters.Add("grep -F -e " + ShellQuote.Single(user));
            }

            if (last.HasValue)
            {
                filters.Add("tail -n " + last.Value.ToString(CultureInfo.InvariantCulture));
            }

            var journalSince = since.HasValue ? " --since @" + since.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : string.Empty;
            var rest = string.Concat(filters.ConvertAll(f => " | " + f));
            var command =
                "if command -v journalctl >/dev/null 2>&1 && journalctl -q -u ssh -u sshd -n 1 --no-pager 2>/dev/null | grep -q .; then " +
                "echo source=journal; journalctl -q -u ssh -u sshd -o short-iso --no-pager" + journalSince + " | " + SshdLines + rest + "; " +
                "else for f in /var/log/auth.log /var/log/secure; do " +
                "if [ -r \"$f\" ]; then echo \"source=$f\"; " + SshdLines + " \"$f\"" + rest + "; exit 0; fi; done; " +
                "for f in /var/log/auth.log /var/log/secure; do if [ -e \"$f\" ]; then echo \"source=$f\"; echo \"$f: Permission denied\" >&2; exit 13; fi; done; " +
                "echo source=none; fi";
            return new CollectorSection(Names.SshdLog, null, command);
        }
    }
}
