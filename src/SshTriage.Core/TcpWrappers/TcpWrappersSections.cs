using System.Collections.Generic;
using SshTriage.Evidence;

namespace SshTriage.TcpWrappers
{
    /// <summary>
    /// What the collector reads for TCP wrappers: whether sshd (or, from OpenSSH 9.8, sshd-session,
    /// which accepts the connection) is linked with libwrap, and the two access files. The files'
    /// lines are written with a "&gt; " prefix, so nothing in them can pass for the section's own lines.
    /// </summary>
    public static class TcpWrappersSections
    {
        /// <summary>The section's name in the evidence.</summary>
        public const string Name = "tcp-wrappers";

        /// <summary>The libwrap check and /etc/hosts.allow and /etc/hosts.deny.</summary>
        public static CollectorSection TcpWrappers { get; } = new CollectorSection(
            Name,
            null,
            "for b in /usr/sbin/sshd /usr/local/sbin/sshd /usr/lib/openssh/sshd-session /usr/libexec/openssh/sshd-session /usr/libexec/sshd-session /usr/local/libexec/sshd-session; do " +
            "[ -f \"$b\" ] || continue; if grep -q 'libwrap\\.so' \"$b\" 2>/dev/null; then echo \"libwrap=yes $b\"; else echo \"libwrap=no $b\"; fi; done; " +
            "for f in /etc/hosts.allow /etc/hosts.deny; do if [ -r \"$f\" ]; then echo \"file=$f\"; sed 's/^/> /' \"$f\"; " +
            "elif [ -e \"$f\" ]; then echo \"unreadable=$f\"; else echo \"absent=$f\"; fi; done");

        /// <summary>The sections a full collection runs.</summary>
        public static IReadOnlyList<CollectorSection> Collected { get; } = new[] { TcpWrappers };
    }
}
