namespace SshTriage.Accounts
{
    /// <summary>One path's permission bits and owner, as stat printed them.</summary>
    /// <param name="Path">The absolute path.</param>
    /// <param name="Mode">The permission bits, e.g. 0755 (octal as written: 493 decimal).</param>
    /// <param name="OwnerUid">The owner's uid.</param>
    /// <param name="GroupGid">The group's gid.</param>
    public sealed record PathMode(string Path, int Mode, int OwnerUid, int GroupGid)
    {
        /// <summary>True when others (not the owner's group) may write it.</summary>
        public bool WritableByOthers => (Mode & 0x2) != 0;

        /// <summary>True when the group may write it.</summary>
        public bool WritableByGroup => (Mode & 0x10) != 0;

        /// <summary>The mode in octal, as chmod takes it.</summary>
        public string OctalMode => System.Convert.ToString(Mode, 8).PadLeft(3, '0');
    }
}
