using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Accounts
{
    /// <summary>One file AuthorizedKeysFile names for a user: whether it exists, its keys, and the modes of it and its directories.</summary>
    /// <param name="Path">The path, with sshd's %h and %u expanded.</param>
    /// <param name="Exists">False when the file is missing.</param>
    /// <param name="Modes">The file, then each directory above it up to /, as stat saw them.</param>
    /// <param name="Keys">The keys the file holds.</param>
    /// <param name="KeyOptions">Each key line's key type and options (from="...", no-pty, ...), in file order.</param>
    public sealed record AuthorizedKeysFile(string Path, bool Exists, IReadOnlyList<PathMode> Modes, IReadOnlyList<AuthorizedKey> Keys, IReadOnlyList<(string KeyType, string Options)> KeyOptions)
    {
        /// <summary>
        /// The first path StrictModes refuses, as sshd checks it (auth_secure_path): the file, then every
        /// directory above it up to the home directory, or up to / when the file is outside the home;
        /// each must be owned by root or the user and writable by no one else. Debian's and Ubuntu's sshd
        /// let a group write when it is the user's own primary group, so that case is told apart
        /// (<see cref="StrictModesVerdict.OnlyIfUnpatched"/>). Null when every path passes.
        /// </summary>
        public (PathMode Path, StrictModesVerdict Verdict)? StrictModesViolation(int uid, int gid, string home)
        {
            foreach (var mode in Modes)
            {
                if ((mode.OwnerUid != 0 && mode.OwnerUid != uid) || mode.WritableByOthers)
                {
                    return (mode, StrictModesVerdict.Refused);
                }

                if (mode.WritableByGroup)
                {
                    return (mode, mode.GroupGid == gid ? StrictModesVerdict.OnlyIfUnpatched : StrictModesVerdict.Refused);
                }

                if (mode.Path == home.TrimEnd('/'))
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>True when a key with <paramref name="fingerprint"/> is in the file.</summary>
        public bool Authorizes(string fingerprint) => Keys.Any(k => k.Fingerprint == fingerprint);
    }
}
