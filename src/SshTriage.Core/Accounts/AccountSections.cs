using System;
using System.Collections.Generic;
using System.Net;
using SshTriage.Evidence;

namespace SshTriage.Accounts
{
    /// <summary>
    /// What the collector reads of one login account, for the stages after TCP: the passwd entry and
    /// shell, the account's lock and expiry, /etc/nologin, and for every file AuthorizedKeysFile names
    /// the modes sshd's StrictModes checks and the keys' fingerprints. Key material never leaves the
    /// server: only ssh-keygen -l's fingerprints and each line's options and key type are printed, and of
    /// the password field only its kind (locked, disabled, empty, hash), never the hash.
    /// </summary>
    public static class AccountSections
    {
        /// <summary>Section names.</summary>
        public static class Names
        {
            /// <summary>One account's state, framed by "@@sst" lines.</summary>
            public const string Account = "account";
        }

        // $u and $spec are set before this; every value reaches a command quoted. The paths of
        // AuthorizedKeysFile come from sshd -T for this user (Match blocks applied), with %h, %u and
        // %% expanded as sshd does and relative paths taken from the home directory.
        private const string Script =
            "q() { printf '@@sst query %s\\n' \"$1\"; }; e() { printf '@@sst exit %s\\n' \"$1\"; }; " +
            "q passwd; pw=$(getent passwd \"$u\"); r=$?; printf '%s\\n' \"$pw\"; e $r; " +
            "home=$(printf '%s' \"$pw\" | cut -d: -f6); shell=$(printf '%s' \"$pw\" | cut -d: -f7); " +
            "q status; passwd -S \"$u\" 2>&1; e $?; " +
            "q password-field; f=$(getent shadow \"$u\") || { e 2; f=; }; " +
            "if [ -n \"$f\" ]; then case $(printf '%s' \"$f\" | cut -d: -f2) in '!'*) echo locked ;; '*'*) echo disabled ;; '') echo empty ;; *) echo hash ;; esac; e 0; fi; " +
            "q chage; LC_ALL=C chage -l \"$u\" 2>&1; e $?; " +
            "q shells; grep -Fx -e \"$shell\" /etc/shells; e $?; " +
            "q shell-executable; [ -n \"$shell\" ] && [ -x \"$shell\" ]; e $?; " +
            "q nologin; for f in /etc/nologin /run/nologin; do if [ -e \"$f\" ]; then printf '%s\\n' \"$f\"; fi; done; e 0; " +
            "q authorized-keys-file; akf=$(sshd -T -C \"$spec\" 2>/dev/null | sed -n 's/^authorizedkeysfile //p'); printf '%s\\n' \"$akf\"; e $?; " +
            "[ -n \"$home\" ] || exit 0; " +
            "for p in $akf; do " +
            "p=$(printf '%s' \"$p\" | awk -v h=\"$home\" -v u=\"$u\" '{ o = \"\"; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); if (c == \"%\" && i < length($0)) { n = substr($0, ++i, 1); o = o (n == \"h\" ? h : n == \"u\" ? u : n) } else o = o c } print o }'); " +
            "case \"$p\" in /*) ;; *) p=\"$home/$p\" ;; esac; " +
            "q \"modes $p\"; d=$p; while :; do stat -c '%a %u %g %n' \"$d\" 2>&1; [ \"$d\" = / ] && break; d=$(dirname \"$d\"); done; e 0; " +
            "q \"keys $p\"; if [ -e \"$p\" ]; then ssh-keygen -lf \"$p\" 2>&1; e $?; else e 2; fi; " +
            "q \"options $p\"; if [ -r \"$p\" ]; then awk '/^[[:space:]]*(#|$)/ { next } { for (i = 1; i <= NF; i++) if ($i ~ /^(ssh-|ecdsa-|sk-)/) { o = \"\"; for (j = 1; j < i; j++) o = o (j > 1 ? \" \" : \"\") $j; print $i \"\\t\" o; next } print \"?\\t\" }' \"$p\"; fi; e 0; " +
            "done";

        /// <summary>The account section for <paramref name="user"/>; host and address select sshd's Match blocks, as for sshd -T -C.</summary>
        public static CollectorSection Account(string user, string? host, IPAddress? address)
        {
            if (!AccountName.IsValid(user))
            {
                throw new ArgumentException($"'{user}' is not a user name sshd accepts.", nameof(user));
            }

            var spec = new List<string> { "user=" + user };
            if (host != null)
            {
                spec.Add("host=" + host);
            }

            if (address != null)
            {
                spec.Add("addr=" + address);
            }

            return new CollectorSection(Names.Account, null, "u=" + ShellQuote.Single(user) + "; spec=" + ShellQuote.Single(string.Join(",", spec)) + "; " + Script);
        }
    }
}
