namespace SshTriage.Fail2Ban
{
    /// <summary>The outcome of adding an address to a jail's ignoreip in jail.local.</summary>
    /// <param name="Text">The new file content; the same text when nothing changed.</param>
    /// <param name="Changed">False when the address (or a prefix holding it) was already ignored.</param>
    /// <param name="Section">The section edited or found: the jail's own, or DEFAULT.</param>
    /// <param name="CoveredBy">The existing entry that already covers the address, when there is one.</param>
    public sealed record IgnoreIpEdit(string Text, bool Changed, string Section, string? CoveredBy);
}
