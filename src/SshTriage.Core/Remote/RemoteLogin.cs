using System;
using System.Collections.Generic;
using System.Security;

namespace SshTriage.Remote
{
    /// <summary>
    /// The transport and secrets for a management connection, beyond what ssh itself takes:
    /// which transport, a login credential, a password for sudo, pinned host key fingerprints.
    /// </summary>
    public sealed class RemoteLogin
    {
        /// <summary>Creates the settings; every part is optional.</summary>
        public RemoteLogin(SshTransport transport = SshTransport.Auto, RemoteCredential? credential = null, SecureString? sudoPassword = null, IEnumerable<string>? hostKeyFingerprints = null)
        {
            Transport = transport;
            Credential = credential;
            SudoPassword = sudoPassword;
            HostKeyFingerprints = new List<string>(hostKeyFingerprints ?? Array.Empty<string>());
        }

        /// <summary>No credential, no pinned key, the transport chosen automatically.</summary>
        public static RemoteLogin Default { get; } = new RemoteLogin();

        /// <summary>The transport asked for.</summary>
        public SshTransport Transport { get; }

        /// <summary>The login (password or key passphrase), or null.</summary>
        public RemoteCredential? Credential { get; }

        /// <summary>The password sudo -S reads, or null.</summary>
        public SecureString? SudoPassword { get; }

        /// <summary>SHA256 fingerprints a host key must have, as the user typed them.</summary>
        public IReadOnlyList<string> HostKeyFingerprints { get; }
    }
}
