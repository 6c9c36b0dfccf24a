using System;
using System.Collections.Generic;

namespace SshTriage.Accounts
{
    /// <summary>What decides whether a user can log in once sshd has let the connection in: the account, its shell, and its keys.</summary>
    /// <param name="UserName">The login name.</param>
    /// <param name="Exists">False when the server has no such user.</param>
    /// <param name="Uid">The user's uid.</param>
    /// <param name="Gid">The user's primary gid.</param>
    /// <param name="Home">The home directory.</param>
    /// <param name="Shell">The login shell from the passwd entry.</param>
    /// <param name="ShellListed">Whether /etc/shells lists the shell; null when unknown.</param>
    /// <param name="ShellExecutable">Whether the shell exists and is executable; null when unknown.</param>
    /// <param name="PasswordStatus">passwd -S's status: P (usable password), L (locked, or no password possible), NP (none); null when unreadable (needs root).</param>
    /// <param name="PasswordField">The kind of shadow's password field: locked ("!", as usermod -L writes), disabled ("*"), empty or hash; null when unreadable.</param>
    /// <param name="AccountExpires">When the account expires (chage -l); null for never or unknown.</param>
    /// <param name="PasswordExpires">When the password expires; null for never or unknown.</param>
    /// <param name="NologinFiles">/etc/nologin and /run/nologin where they exist: then only root may log in.</param>
    /// <param name="AuthorizedKeysFiles">Every file AuthorizedKeysFile names for this user.</param>
    public sealed record SshAccount(
        string UserName,
        bool Exists,
        int? Uid,
        int? Gid,
        string? Home,
        string? Shell,
        bool? ShellListed,
        bool? ShellExecutable,
        string? PasswordStatus,
        string? PasswordField,
        DateTime? AccountExpires,
        DateTime? PasswordExpires,
        IReadOnlyList<string> NologinFiles,
        IReadOnlyList<AuthorizedKeysFile> AuthorizedKeysFiles)
    {
        /// <summary>True when the account is locked the way sshd checks it on Linux: a "!" before the hash (passwd -l, usermod -L).</summary>
        public bool PasswordLocked => PasswordField == "locked";

        /// <summary>True when the account expired before <paramref name="now"/>.</summary>
        public bool ExpiredAt(DateTime now) => AccountExpires.HasValue && AccountExpires.Value <= now;
    }
}
