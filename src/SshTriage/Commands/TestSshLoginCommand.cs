using System;
using System.Management.Automation;
using SshTriage.Login;
using SshTriage.Operations;
using SshTriage.Probing;
using SshTriage.Remote;

namespace SshTriage.Commands
{
    /// <summary>
    /// Test-SshLogin: walks one SSH connection per computer through the identification line, key
    /// exchange, host key and authentication (SSH.NET), and says which stage failed and why.
    /// It never runs a command and never accepts an unknown host key.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SshLogin", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(SshLoginResult))]
    public sealed class TestSshLoginCommand : TargetScanCmdlet
    {
        private const string KeySet = "KeyFile";
        private const string CredentialSet = "Credential";

        /// <summary>The login name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>The private key to offer; without it and without -Credential, the unencrypted id_ed25519, id_ecdsa or id_rsa in ~/.ssh.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>A password login: the password is offered as password and keyboard-interactive authentication.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        public PSCredential? Credential { get; set; }

        /// <summary>Seconds for each step of the probe, and for the login connection as a whole.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = SshLoginOptions.DefaultTimeoutSec;

        /// <summary>How many computers are walked at once.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int ThrottleLimit { get; set; } = SshLoginOptions.DefaultThrottleLimit;

        /// <summary>SHA256 fingerprints to accept as the host key instead of known_hosts.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? HostKeyFingerprint { get; set; }

        /// <inheritdoc />
        protected override ITargetScan CreateScan()
        {
            var keyPath = KeyFilePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath);
            var credential = Credential == null || Credential == PSCredential.Empty ? null : new RemoteCredential(Credential.UserName, Credential.Password);
            return new SshLoginScan(
                new SshLoginOptions(UserName, keyPath, credential, HostKeyFingerprint, TimeSpan.FromSeconds(TimeoutSec), ThrottleLimit),
                new DnsHostResolver(),
                CancelToken);
        }
    }
}
