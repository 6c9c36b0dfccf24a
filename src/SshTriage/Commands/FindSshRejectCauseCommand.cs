using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Collection;
using SshTriage.Diagnosis;
using SshTriage.Remote;

namespace SshTriage.Commands
{
    /// <summary>Find-SshRejectCause: from the symptom to the proven cause, with the evidence that shows it and the remedy.</summary>
    [Cmdlet(VerbsCommon.Find, "SshRejectCause", DefaultParameterSetName = RemoteSet)]
    [OutputType(typeof(SshRejectCause))]
    public sealed class FindSshRejectCauseCommand : LiteralEvidenceCmdlet
    {
        /// <summary>The SSH port that refuses.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>The failing client's address, when you triage for someone else; by default the address the probes leave from.</summary>
        [Parameter]
        [AddressArgument]
        public IPAddress? ClientAddress { get; set; }

        /// <summary>The account the failing client logs in as.</summary>
        [Parameter]
        [ValidatePattern(AccountName.Pattern)]
        public string? ClientUser { get; set; }

        /// <summary>The public key file (.pub) of the key the failing client offers: compared by fingerprint with the user's authorized keys and the key types sshd accepts. Needs -ClientUser.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientKey { get; set; }

        /// <summary>Probe from this host over ssh instead of from this machine: the failing client's side (the reverse path).</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string? FromHost { get; set; }

        /// <summary>Gateways and proxies on the path whose Fail2Ban and firewalls are read too, over ssh.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateNotNullOrEmpty]
        public string[] Hop { get; set; } = Array.Empty<string>();

        /// <summary>Seconds each probe waits to connect, and again for the banner: a dropped port costs one of these, whatever -TimeoutSec is.</summary>
        [Parameter(ParameterSetName = RemoteSet)]
        [ValidateRange(1, 600)]
        public int ProbeTimeoutSec { get; set; } = CauseSearch.DefaultProbeTimeoutSec;

        /// <summary>Also list what was checked and ruled out (Confidence Cleared).</summary>
        [Parameter]
        public SwitchParameter IncludeCleared { get; set; }

        /// <inheritdoc />
        protected override string Activity => "Find-SshRejectCause";

        /// <inheritdoc />
        protected override ServerQuery CreateQuery()
        {
            RemoteTarget? from = null;
            var hops = new List<RemoteTarget>();
            if (ParameterSetName == RemoteSet)
            {
                if (FromHost != null)
                {
                    // Probing from anywhere else would diagnose another path: stop here.
                    from = BuildSshTarget(FromHost, 0);
                    if (from == null)
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new ArgumentException($"-FromHost '{FromHost}' cannot be reached as given (the error before this one says why); nothing was probed."),
                            "InvalidFromHost",
                            ErrorCategory.InvalidArgument,
                            FromHost));
                        return null!;
                    }
                }

                foreach (var name in Hop)
                {
                    if (BuildSshTarget(name, 0) is RemoteTarget hop)
                    {
                        hops.Add(hop);
                    }
                }
            }

            ClientPublicKey? key = null;
            if (ClientKey != null)
            {
                try
                {
                    key = ClientPublicKey.Read(GetUnresolvedProviderPathFromPSPath(ClientKey));
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "InvalidClientKey", ErrorCategory.InvalidArgument, ClientKey));
                }

                if (ClientUser == null)
                {
                    WriteWarning("-ClientKey is compared with the authorized keys of -ClientUser: without it, only the key's type is checked.");
                }
            }

            var search = new CauseSearch
            {
                Port = Port,
                ClientAddress = ClientAddress,
                ClientUser = ClientUser,
                ClientKey = key,
                Probe = ParameterSetName == RemoteSet,
                FromHost = from,
                ProbeTimeout = TimeSpan.FromSeconds(ProbeTimeoutSec),
                Hops = hops,
                IncludeCleared = IncludeCleared,
            };
            return new ServerQuery(Activity, EvidencePlans.RejectCauses(search), ThrottleLimit, CancelToken);
        }
    }
}
