namespace SshTriage.Evidence
{
    /// <summary>Quotes a value for POSIX sh: inside single quotes nothing is special but the quote itself.</summary>
    public static class ShellQuote
    {
        /// <summary>Returns <paramref name="value"/> as one sh word that expands to exactly itself.</summary>
        public static string Single(string value) => "'" + value.Replace("'", "'\\''") + "'";
    }
}
