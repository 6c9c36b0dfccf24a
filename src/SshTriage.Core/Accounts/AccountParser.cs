using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SshTriage.Evidence;
using SshTriage.Text;

namespace SshTriage.Accounts
{
    /// <summary>Reads the account section (<see cref="AccountSections"/>) into an <see cref="SshAccount"/>.</summary>
    public static class AccountParser
    {
        /// <summary>Parses the section's framed output for <paramref name="user"/>; fields that could not be read are null.</summary>
        public static SshAccount Parse(string user, string output)
        {
            var answers = FramedOutput.Parse(output).Global;
            ToolAnswer? Answer(string query) => answers.FirstOrDefault(a => a.Query == query);

            var passwd = Answer("passwd");
            var fields = passwd != null && passwd.ExitCode == 0 ? passwd.Output.Trim().Split(':') : Array.Empty<string>();
            var exists = fields.Length >= 7 && fields[0] == user;
            int? uid = exists && AsciiNumber.TryParseInt32(fields[2], out var parsedUid) ? parsedUid : (int?)null;
            int? gid = exists && AsciiNumber.TryParseInt32(fields[3], out var parsedGid) ? parsedGid : (int?)null;
            var home = exists ? fields[5] : null;
            var shell = exists ? fields[6] : null;

            var status = Answer("status");
            var statusWords = status != null && status.ExitCode == 0 ? status.Output.Trim().Split(' ') : Array.Empty<string>();
            var passwordStatus = statusWords.Length >= 2 && statusWords[0] == user ? statusWords[1] : null;

            var field = Answer("password-field");
            var passwordField = field != null && field.ExitCode == 0 ? field.Output.Trim() : null;

            var chage = Answer("chage");
            var (accountExpires, passwordExpires) = chage != null && chage.ExitCode == 0 ? Expiries(chage.Output) : (null, null);

            var files = new List<AuthorizedKeysFile>();
            foreach (var modes in answers.Where(a => a.Query.StartsWith("modes ", StringComparison.Ordinal)))
            {
                var path = modes.Query.Substring("modes ".Length);
                var keys = Answer("keys " + path);
                var options = Answer("options " + path);
                files.Add(new AuthorizedKeysFile(
                    path,
                    keys != null && keys.ExitCode != 2,
                    Modes(modes.Output),
                    keys != null && keys.ExitCode == 0 ? Fingerprints(keys.Output) : Array.Empty<AuthorizedKey>(),
                    options == null ? Array.Empty<(string, string)>() : KeyOptions(options.Output)));
            }

            return new SshAccount(
                user,
                exists,
                uid,
                gid,
                home,
                shell,
                exists ? Answer("shells")?.ExitCode == 0 : (bool?)null,
                exists ? Answer("shell-executable")?.ExitCode == 0 : (bool?)null,
                passwordStatus,
                passwordField,
                accountExpires,
                passwordExpires,
                Lines(Answer("nologin")?.Output).ToList(),
                files);
        }

        // chage -l under LC_ALL=C: "Account expires : never" or "Account expires : Oct 04, 2024".
        private static (DateTime? Account, DateTime? Password) Expiries(string text)
        {
            DateTime? account = null, password = null;
            foreach (var line in Lines(text))
            {
                var colon = line.IndexOf(':');
                if (colon < 0)
                {
                    continue;
                }

                var key = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                DateTime? date = DateTime.TryParseExact(value, "MMM dd, yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : (DateTime?)null;
                if (key == "Account expires")
                {
                    account = date;
                }
                else if (key == "Password expires")
                {
                    password = date;
                }
            }

            return (account, password);
        }

        // "755 0 0 /etc/ssh": octal mode, owner uid, group gid, path; a line stat could not print is skipped.
        private static IReadOnlyList<PathMode> Modes(string text)
        {
            var modes = new List<PathMode>();
            foreach (var line in Lines(text))
            {
                var parts = line.Split(new[] { ' ' }, 4);
                if (parts.Length == 4 && TryParseOctal(parts[0], out var mode) && AsciiNumber.TryParseInt32(parts[1], out var owner) && AsciiNumber.TryParseInt32(parts[2], out var group))
                {
                    modes.Add(new PathMode(parts[3], mode, owner, group));
                }
            }

            return modes;
        }

        /// <summary>Reads ssh-keygen -lf's lines ("256 SHA256:X/f7... comment words (ED25519)"); other lines are skipped.</summary>
        public static IReadOnlyList<AuthorizedKey> Fingerprints(string text)
        {
            var keys = new List<AuthorizedKey>();
            foreach (var line in Lines(text))
            {
                var parts = line.Split(new[] { ' ' }, 3);
                var open = line.LastIndexOf(" (", StringComparison.Ordinal);
                if (parts.Length < 3 || !parts[1].StartsWith("SHA256:", StringComparison.Ordinal) || open < 0 || !line.EndsWith(")", StringComparison.Ordinal) || !AsciiNumber.TryParseInt32(parts[0], out var bits))
                {
                    continue;
                }

                var commentStart = parts[0].Length + parts[1].Length + 2;
                var comment = open > commentStart ? line.Substring(commentStart, open - commentStart) : string.Empty;
                keys.Add(new AuthorizedKey(parts[1], line.Substring(open + 2, line.Length - open - 3), bits, comment));
            }

            return keys;
        }

        // stat's %a: up to four octal digits.
        private static bool TryParseOctal(string text, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 4)
            {
                return false;
            }

            foreach (var c in text)
            {
                if (c < '0' || c > '7')
                {
                    return false;
                }

                value = (value * 8) + (c - '0');
            }

            return true;
        }

        private static IReadOnlyList<(string, string)> KeyOptions(string text) =>
            Lines(text).Select(l => l.Split(new[] { '\t' }, 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToList();

        private static IEnumerable<string> Lines(string? text) =>
            (text ?? string.Empty).Replace("\r", string.Empty).Split('\n').Where(l => l.Length > 0);
    }
}
