using System.Security;

namespace SshTriage.Remote
{
    /// <summary>
    /// A login name and its secret: the login password, or, with a key file, the key's
    /// passphrase (which then never goes to the server).
    /// </summary>
    public sealed class RemoteCredential
    {
        /// <summary>Creates a credential; the secret stays encrypted until a transport needs it.</summary>
        public RemoteCredential(string userName, SecureString password)
        {
            UserName = userName;
            Password = password;
        }

        /// <summary>The login name.</summary>
        public string UserName { get; }

        /// <summary>The password or passphrase.</summary>
        public SecureString Password { get; }

        /// <summary>Names the user only: the secret never reaches a message.</summary>
        public override string ToString() => UserName;
    }
}
