namespace SshTriage
{
    /// <summary>Whether the firewall really blocks a banned address.</summary>
    public enum BanEnforcement
    {
        /// <summary>The firewall object the jail's action uses holds the address.</summary>
        Enforced,

        /// <summary>Fail2Ban lists the ban, but the firewall object does not hold the address: the ban does not bite.</summary>
        NotEnforced,

        /// <summary>The action or the firewall state could not be checked.</summary>
        Unknown,
    }
}
