using System.Security;

namespace SshTriage.Remote
{
    /// <summary>
    /// A login name and its secret: the login password, or, with a key file, the key's
    /// passphrase (which then never goes to the server). The secret stays encrypted until a transport needs it.
    /// </summary>
    /// <param name="UserName">The login name.</param>
    /// <param name="Password">The password or passphrase.</param>
    public sealed record RemoteCredential(string UserName, SecureString Password)
    {
        /// <summary>Names the user only: the secret never reaches a message.</summary>
        public override string ToString() => UserName;
    }
}
