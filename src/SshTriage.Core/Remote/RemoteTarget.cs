using System;
using System.Collections.Generic;
using System.Security;

namespace SshTriage.Remote
{
    /// <summary>How to reach one server: over ssh, or this machine itself. Built and validated by <see cref="RemoteTargetBuilder"/>.</summary>
    public sealed class RemoteTarget
    {
        internal RemoteTarget(
            string computerName,
            bool isLocal,
            string? userName,
            string? keyFilePath,
            int? sshPort,
            string? jumpHost,
            IReadOnlyList<KeyValuePair<string, string>> sshOptions,
            bool sudo,
            TimeSpan timeout,
            SshTransport transport,
            RemoteCredential? credential,
            SecureString? sudoPassword,
            IReadOnlyList<string> hostKeyFingerprints,
            TimeSpan? scriptTimeout = null)
        {
            ComputerName = computerName;
            IsLocal = isLocal;
            UserName = userName;
            KeyFilePath = keyFilePath;
            SshPort = sshPort;
            JumpHost = jumpHost;
            SshOptions = sshOptions;
            Sudo = sudo || sudoPassword != null;
            Timeout = timeout;
            ScriptTimeout = scriptTimeout ?? timeout;
            Transport = transport;
            Credential = credential;
            SudoPassword = sudoPassword;
            HostKeyFingerprints = hostKeyFingerprints;
        }

        /// <summary>The host name or address, or the local host name for -Local.</summary>
        public string ComputerName { get; }

        /// <summary>True for -Local: the collector runs on this machine without ssh.</summary>
        public bool IsLocal { get; }

        /// <summary>The login name; null leaves it to the ssh configuration.</summary>
        public string? UserName { get; }

        /// <summary>The private key file; null leaves it to the ssh configuration and agent.</summary>
        public string? KeyFilePath { get; }

        /// <summary>The management connection's port; null leaves it to the ssh configuration.</summary>
        public int? SshPort { get; }

        /// <summary>A jump host, [user@]host[:port], passed as ssh -J.</summary>
        public string? JumpHost { get; }

        /// <summary>Extra ssh options, each passed as -o Key=Value.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> SshOptions { get; }

        /// <summary>True when the collector runs under sudo: -n, or -S with <see cref="SudoPassword"/>.</summary>
        public bool Sudo { get; }

        /// <summary>The limit for connecting, and by default for the script once connected.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How long the script may run once connected: the timeout, unless the script's own work sets a longer or shorter bound.</summary>
        public TimeSpan ScriptTimeout { get; }

        /// <summary>The same connection for a script whose run is bounded by <paramref name="scriptTimeout"/> instead.</summary>
        public RemoteTarget WithScriptTimeout(TimeSpan scriptTimeout) =>
            new RemoteTarget(ComputerName, IsLocal, UserName, KeyFilePath, SshPort, JumpHost, SshOptions, Sudo, Timeout, Transport, Credential, SudoPassword, HostKeyFingerprints, scriptTimeout);

        /// <summary>The transport that reaches the server: OpenSsh or SshNet, never Auto (ignored for a local target).</summary>
        public SshTransport Transport { get; }

        /// <summary>The login credential (SSH.NET only), or null.</summary>
        public RemoteCredential? Credential { get; }

        /// <summary>The password sudo -S reads before the collector, or null for sudo -n.</summary>
        public SecureString? SudoPassword { get; }

        /// <summary>SHA256 fingerprints the host key must have (SSH.NET only); empty to use known_hosts.</summary>
        public IReadOnlyList<string> HostKeyFingerprints { get; }

        /// <summary>The login name the transport uses: -UserName, the credential's, or this machine's user.</summary>
        public string LoginName => UserName ?? Credential?.UserName ?? Environment.UserName;

        /// <summary>The port to connect to: -SshPort, or 22.</summary>
        public int Port => SshPort ?? 22;
    }
}
