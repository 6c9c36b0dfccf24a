namespace SshTriage.Fail2Ban
{
    /// <summary>The outcome of adding an address to a jail's ignoreip in jail.local.</summary>
    public sealed class IgnoreIpEdit
    {
        internal IgnoreIpEdit(string text, bool changed, string section, string? coveredBy)
        {
            Text = text;
            Changed = changed;
            Section = section;
            CoveredBy = coveredBy;
        }

        /// <summary>The new file content; the same text when nothing changed.</summary>
        public string Text { get; }

        /// <summary>False when the address (or a prefix holding it) was already ignored.</summary>
        public bool Changed { get; }

        /// <summary>The section edited or found: the jail's own, or DEFAULT.</summary>
        public string Section { get; }

        /// <summary>The existing entry that already covers the address, when there is one.</summary>
        public string? CoveredBy { get; }
    }
}
