using System.Collections.Generic;
using SshTriage.Evidence;

namespace SshTriage.Remote
{
    /// <summary>
    /// The command that reads the collector from standard input on the server: sh -s, under
    /// sudo -n for -Sudo, or under sudo -S for a sudo password. The password then travels on
    /// standard input ahead of the script, never in a command line (ps) or in the output.
    /// </summary>
    public static class RemoteCommand
    {
        // After the password, guard lines: sudo takes them as its next tries when the password is
        // wrong (so no line of the script is ever offered to sudo), and sh reads them as comments.
        private const string Guard = "#sshtriage-sudo";
        private const int GuardLines = 3;

        // Runs under sudo -S. When sudo asked for the password it has read that line and this reads
        // the first guard; when sudo did not ask (NOPASSWD, a cached ticket), this reads the password
        // line, then a guard, so the password never reaches sh as a command.
        private const string AfterSudo = "IFS= read -r l; [ \"$l\" = '" + Guard + "' ] || IFS= read -r l; exec sh -s";

        /// <summary>The command line the remote login shell runs for <paramref name="target"/>.</summary>
        public static string For(RemoteTarget target)
        {
            if (target.SudoPassword != null)
            {
                return "sudo -S -p '' sh -c " + ShellQuote.Single(AfterSudo);
            }

            return target.Sudo ? "sudo -n sh -s" : "sh -s";
        }

        /// <summary>The program and arguments that run the collector on this machine (-Local).</summary>
        public static (string FileName, IReadOnlyList<string> Arguments) Local(RemoteTarget target)
        {
            if (target.SudoPassword != null)
            {
                return ("sudo", new[] { "-S", "-p", string.Empty, "sh", "-c", AfterSudo });
            }

            return target.Sudo ? ("sudo", new[] { "-n", "sh", "-s" }) : ("sh", new[] { "-s" });
        }

        /// <summary>What to send on standard input: the script, after the sudo password and its guards when there is one.</summary>
        public static ScriptInput Input(RemoteTarget target, ScriptInput script)
        {
            if (target.SudoPassword == null)
            {
                return script;
            }

            var prefix = new System.Text.StringBuilder(SecretText.Reveal(target.SudoPassword)).Append('\n');
            for (var i = 0; i < GuardLines; i++)
            {
                prefix.Append(Guard).Append('\n');
            }

            return script.Prefixed(prefix.ToString());
        }

        /// <summary>Null when <paramref name="password"/> can be sent as one line; otherwise what is wrong.</summary>
        public static string? SudoPasswordProblem(System.Security.SecureString? password)
        {
            if (password == null)
            {
                return null;
            }

            var text = SecretText.Reveal(password);
            return text.IndexOfAny(new[] { '\r', '\n', '\0' }) >= 0 ? "The sudo password has a line break or a NUL character: sudo reads one line." : null;
        }
    }
}
