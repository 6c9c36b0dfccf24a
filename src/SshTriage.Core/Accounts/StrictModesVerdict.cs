namespace SshTriage.Accounts
{
    /// <summary>What sshd's StrictModes makes of a path's owner and mode.</summary>
    public enum StrictModesVerdict
    {
        /// <summary>Every sshd refuses it: a foreign owner, or writable by others or by a group not the user's own.</summary>
        Refused,

        /// <summary>Writable by the user's own primary group: upstream OpenSSH refuses it, Debian's and Ubuntu's sshd accept it.</summary>
        OnlyIfUnpatched,
    }
}
