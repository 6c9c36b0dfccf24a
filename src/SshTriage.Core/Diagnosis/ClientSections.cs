using System.Collections.Generic;
using System.Globalization;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Evidence;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// What a diagnosis reads about one client besides the server's general state: the server's
    /// route back to it, sshd's effective configuration for a connection from it (and from the
    /// gateway that route goes through, which a NAT makes the address sshd sees), with its Match
    /// blocks evaluated by sshd itself, the groups the server gives the client's user, and that user's
    /// account (<see cref="AccountSections"/>).
    /// </summary>
    public static class ClientSections
    {
        /// <summary>Section name of the server's route back to the client.</summary>
        public const string Route = "route-to-client";

        /// <summary>Section name of sshd -T -C for a connection from the client's own address.</summary>
        public const string ConfigForClient = "sshd-config-client";

        /// <summary>Section name of sshd -T -C for a connection from the gateway on the route back to the client.</summary>
        public const string ConfigForGateway = "sshd-config-gateway";

        /// <summary>
        /// Section name of the server's own reverse lookup of the client, timed, run only when sshd looks
        /// the client up for this connection (UseDNS or GSSAPIAuthentication yes); see <see cref="ReverseLookup"/>.
        /// </summary>
        public const string ReverseLookupSection = "client-reverse-lookup";

        /// <summary>Section name of the server's host keys' fingerprints (ssh-keygen -l of each HostKey sshd -T names), to compare with the client's known_hosts.</summary>
        public const string HostKeys = "sshd-host-keys";

        /// <summary>Section name of the client user's groups on the server (id -Gn).</summary>
        public const string UserGroups = "client-user-groups";

        /// <summary>The sections for <paramref name="client"/> connecting to <paramref name="port"/> as <paramref name="user"/> (when known).</summary>
        public static IReadOnlyList<CollectorSection> For(IPAddress client, string? user, int port)
        {
            var address = ShellQuote.Single(client.ToString());
            var sections = new List<CollectorSection>
            {
                new CollectorSection(Route, "ip", "ip route get " + address),
                new CollectorSection(ConfigForClient, "sshd", "a=" + address + "; " + ConfigFor(user, port)),
                new CollectorSection(
                    ConfigForGateway,
                    "sshd",
                    "a=$(ip route get " + address + " 2>/dev/null | sed -n 's/.* via \\([^ ]*\\).*/\\1/p' | head -n 1); " +
                    "[ -n \"$a\" ] || { echo 'no gateway on the route to the client' >&2; exit 3; }; " + ConfigFor(user, port)),

                new CollectorSection(
                    HostKeys,
                    "ssh-keygen",
                    "for k in $(sshd -T 2>/dev/null | awk '$1 == \"hostkey\" { print $2 }'); do if [ -r \"$k.pub\" ]; then ssh-keygen -lf \"$k.pub\"; else ssh-keygen -lf \"$k\"; fi; done"),

                // Bounded: a resolver that never answers must not hold the collection longer than sshd's own first try.
                new CollectorSection(
                    ReverseLookupSection,
                    "getent",
                    "a=" + address + "; c=$(" + SshdTest(user, port) + " 2>/dev/null) || { echo 'sshd -T failed' >&2; exit 3; }; " +
                    "if printf '%s\\n' \"$c\" | grep -Eqx 'usedns yes|gssapiauthentication yes'; then " +
                    "command -v timeout >/dev/null || { echo 'no timeout command' >&2; exit 3; }; " +
                    "s=$(date +%s); timeout " + ReverseLookup.LimitSeconds.ToString(CultureInfo.InvariantCulture) + " getent hosts \"$a\"; r=$?; " +
                    "printf 'seconds=%s exit=%s\\n' \"$(($(date +%s) - s))\" \"$r\"; else echo 'no lookup: usedns no, gssapiauthentication no'; fi"),
            };
            if (user != null)
            {
                sections.Add(new CollectorSection(UserGroups, "id", "id -Gn -- " + ShellQuote.Single(user)));
                sections.Add(AccountSections.Account(user, client.ToString(), client));
            }

            return sections;
        }

        // sshd -T -C for the address in $a: the first output line names it. sshd compares
        // "host" with Match Host; without UseDNS it is the address itself.
        private static string ConfigFor(string? user, int port) => "printf 'addr=%s\\n' \"$a\"; " + SshdTest(user, port);

        private static string SshdTest(string? user, int port) =>
            "sshd -T -C " +
            (user == null ? string.Empty : ShellQuote.Single("user=" + user + ",")) +
            "\"host=$a,addr=$a,lport=" + port.ToString(CultureInfo.InvariantCulture) + "\"";
    }
}
