namespace SshTriage
{
    /// <summary>Whether the firewall really blocks a banned address.</summary>
    public enum BanEnforcement
    {
        /// <summary>The firewall object the jail's action uses holds the address, and a new connection from it to the jail's port is dropped or rejected.</summary>
        Enforced,

        /// <summary>Fail2Ban lists the ban, but the firewall object does not hold the address, or a connection from it is accepted: the ban does not bite.</summary>
        NotEnforced,

        /// <summary>The action or the firewall state could not be checked.</summary>
        Unknown,
    }
}
