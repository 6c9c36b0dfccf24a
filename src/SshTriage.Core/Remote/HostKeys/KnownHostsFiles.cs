using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>
    /// Which known_hosts files apply, as OpenSSH chooses them: the user's (~/.ssh/known_hosts,
    /// known_hosts2) and the system's (ssh_known_hosts, ssh_known_hosts2), or the files named by
    /// the UserKnownHostsFile and GlobalKnownHostsFile options ("none" for no file).
    /// </summary>
    public static class KnownHostsFiles
    {
        /// <summary>The option that replaces the user's files.</summary>
        public const string UserOption = "UserKnownHostsFile";

        /// <summary>The option that replaces the system's files.</summary>
        public const string GlobalOption = "GlobalKnownHostsFile";

        /// <summary>The files for a target's options, user's first.</summary>
        public static IReadOnlyList<string> For(IEnumerable<KeyValuePair<string, string>> sshOptions)
        {
            string? user = null;
            string? global = null;
            foreach (var option in sshOptions)
            {
                if (string.Equals(option.Key, UserOption, StringComparison.OrdinalIgnoreCase))
                {
                    user = option.Value;
                }
                else if (string.Equals(option.Key, GlobalOption, StringComparison.OrdinalIgnoreCase))
                {
                    global = option.Value;
                }
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var files = new List<string>();
            files.AddRange(user == null ? new[] { Path.Combine(home, ".ssh", "known_hosts"), Path.Combine(home, ".ssh", "known_hosts2") } : Split(user, home));
            files.AddRange(global == null ? SystemFiles() : Split(global, home));
            return files;
        }

        /// <summary>Reads every entry of <paramref name="files"/>; a missing or unreadable file has none, as for ssh.</summary>
        public static IReadOnlyList<KnownHostsEntry> Load(IEnumerable<string> files)
        {
            var entries = new List<KnownHostsEntry>();
            foreach (var file in files)
            {
                try
                {
                    entries.AddRange(KnownHostsParser.Parse(File.ReadAllText(file), file));
                }
                catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
                {
                    // ssh reads on without it too; the refusal message lists the files searched.
                }
            }

            return entries;
        }

        private static IEnumerable<string> SystemFiles()
        {
            var folder = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ssh")
                : "/etc/ssh";
            return new[] { Path.Combine(folder, "ssh_known_hosts"), Path.Combine(folder, "ssh_known_hosts2") };
        }

        // The options take several files separated by spaces; ~ is the home folder.
        private static IEnumerable<string> Split(string value, string home) =>
            value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(file => !string.Equals(file, "none", StringComparison.OrdinalIgnoreCase))
                .Select(file => file == "~" ? home : file.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, file.Substring(2)) : file);
    }
}
