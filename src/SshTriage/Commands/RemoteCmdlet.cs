using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SshTriage.Remote;

namespace SshTriage.Commands
{
    /// <summary>
    /// Base of the cmdlets that reach a server: over ssh (-ComputerName) or on this machine
    /// (-Local), with the management connection's parameters that every such cmdlet shares.
    /// </summary>
    public abstract class RemoteCmdlet : SshTriageCmdlet
    {
        /// <summary>Parameter set for reading servers over ssh.</summary>
        protected const string RemoteSet = "ComputerName";

        /// <summary>Parameter set for reading this machine.</summary>
        protected const string LocalSet = "Local";

        /// <summary>Servers to read over ssh.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RemoteSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>Read this machine, without ssh.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
        public SwitchParameter Local { get; set; }

        /// <summary>The login name for ssh.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>The private key for ssh.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>The port of the management connection (not the port being diagnosed).</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateRange(1, 65535)]
        public int SshPort { get; set; }

        /// <summary>A jump host, [user@]host[:port], for ssh -J.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string? JumpHost { get; set; }

        /// <summary>Extra ssh options, each passed as -o Key=Value.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        public Hashtable? SshOption { get; set; }

        /// <summary>Run the collector under sudo -n (NOPASSWD sudo), or under sudo -S with -SudoCredential.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        public SwitchParameter Sudo { get; set; }

        /// <summary>How to reach the servers: the system's OpenSSH client, or SSH.NET inside the module.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        public SshTransport Transport { get; set; }

        /// <summary>The login for SSH.NET: a password, or with -KeyFilePath the key's passphrase.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        public PSCredential? Credential { get; set; }

        /// <summary>The password sudo asks for; the collector then runs under sudo -S.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        public PSCredential? SudoCredential { get; set; }

        /// <summary>SHA256 fingerprints the servers' host keys must have (SSH.NET), instead of known_hosts.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string[]? HostKeyFingerprint { get; set; }

        /// <summary>Seconds for the management connection to open, and again for the collector to finish.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [Parameter(ParameterSetName = LocalSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = RemoteTargetBuilder.DefaultTimeoutSec;

        /// <summary>Validates the management connection to <paramref name="name"/>; a bad value is an InvalidRemoteTarget error and null.</summary>
        protected RemoteTarget? BuildTarget(string name)
        {
            if (ParameterSetName != LocalSet)
            {
                return BuildSshTarget(name, SshPort);
            }

            var sudoPassword = Given(SudoCredential)?.Password;
            if (RemoteCommand.SudoPasswordProblem(sudoPassword) is string problem)
            {
                WriteInvalidTarget(name, problem);
                return null;
            }

            return RemoteTargetBuilder.Local(Sudo, TimeSpan.FromSeconds(TimeoutSec), sudoPassword);
        }

        /// <summary>
        /// An ssh connection to another host with the same user, key, jump host and options, on
        /// <paramref name="port"/> (0: the port the user's ssh configuration gives).
        /// </summary>
        protected RemoteTarget? BuildSshTarget(string name, int port)
        {

            var options = new List<KeyValuePair<string, string>>();
            if (SshOption != null)
            {
                foreach (DictionaryEntry entry in SshOption)
                {
                    options.Add(new KeyValuePair<string, string>(entry.Key?.ToString() ?? string.Empty, entry.Value?.ToString() ?? string.Empty));
                }
            }

            var keyPath = KeyFilePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath);
            if (RemoteTargetBuilder.TryBuild(
                name,
                UserName,
                keyPath,
                port == 0 ? (int?)null : port,
                JumpHost,
                options,
                Sudo,
                TimeSpan.FromSeconds(TimeoutSec),
                out var target,
                out var problem,
                Login()))
            {
                WriteVerbose($"{target!.ComputerName}: over {(target.Transport == SshTransport.SshNet ? "SSH.NET" : "OpenSSH")} as {target.UserName ?? "the configured user"}.");
                return target;
            }

            WriteInvalidTarget(name, problem);
            return null;
        }

        // The transport and secrets; a PSCredential's password stays a SecureString until a transport needs it.
        private RemoteLogin Login() => new RemoteLogin(
            Transport,
            Given(Credential) is PSCredential login ? new RemoteCredential(login.UserName, login.Password) : null,
            Given(SudoCredential)?.Password,
            HostKeyFingerprint);

        // PSCredential.Empty, the conventional "none", counts as not given.
        private static PSCredential? Given(PSCredential? credential) => credential == null || credential == PSCredential.Empty ? null : credential;

        private void WriteInvalidTarget(string name, string problem) => Sink.WriteError(RemoteTargetBuilder.InvalidTarget(name, problem));
    }
}
