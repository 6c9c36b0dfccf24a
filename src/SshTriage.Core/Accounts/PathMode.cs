namespace SshTriage.Accounts
{
    /// <summary>One path's permission bits and owner, as stat printed them.</summary>
    /// <param name="Path">The absolute path.</param>
    /// <param name="Mode">The permission bits, e.g. 0755 (octal as written: 493 decimal).</param>
    /// <param name="OwnerUid">The owner's uid.</param>
    public sealed record PathMode(string Path, int Mode, int OwnerUid)
    {
        /// <summary>True when the group or others may write it.</summary>
        public bool WritableByOthers => (Mode & 0x12) != 0;

        /// <summary>The mode in octal, as chmod takes it.</summary>
        public string OctalMode => System.Convert.ToString(Mode, 8).PadLeft(3, '0');
    }
}
