using System.Text.RegularExpressions;

namespace SshTriage.Accounts
{
    /// <summary>
    /// The account names sshd, the collector and ssh's command line accept: POSIX-portable, as
    /// useradd makes them. Cmdlets validate their user parameters with <see cref="Pattern"/>; Core checks with <see cref="IsValid"/>.
    /// </summary>
    public static class AccountName
    {
        /// <summary>The pattern, for [ValidatePattern].</summary>
        public const string Pattern = @"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$";

        private static readonly Regex Regex = new Regex(Pattern, RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="name"/> is such a name.</summary>
        public static bool IsValid(string name) => Regex.IsMatch(name);
    }
}
