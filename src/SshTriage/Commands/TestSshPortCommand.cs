using System;
using System.Management.Automation;
using SshTriage.Probing;

namespace SshTriage.Commands
{
    /// <summary>
    /// Test-SshPort: connects to every address of each computer, reads the SSH identification
    /// line and says what a client sees (Open, Refused, TimedOut, ...).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SshPort")]
    [OutputType(typeof(SshPortResult))]
    public sealed class TestSshPortCommand : SshTriageCmdlet
    {
        private SshPortScan? scan;

        /// <summary>Host names or IP addresses to probe, each alone or with its port: host:2222, [2001:db8::7]:2222.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>The TCP port sshd should answer on; a port in a name is used instead, and both that differ are an error.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>Seconds to wait for the name lookup, for the TCP connect, and for the identification line, each.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = SshPortScanOptions.DefaultTimeoutSec;

        /// <summary>How many computers are probed at once.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int ThrottleLimit { get; set; } = SshPortScanOptions.DefaultThrottleLimit;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            scan = new SshPortScan(
                new SshPortScanOptions(TimeSpan.FromSeconds(TimeoutSec), ThrottleLimit),
                new DnsHostResolver(),
                CancelToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var name in ComputerName)
            {
                scan!.Add(name, Port, Sink, portIsDefault: !MyInvocation.BoundParameters.ContainsKey(nameof(Port)));
            }

            scan!.WriteCompleted(Sink);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => RunCore(() => scan!.WriteRemaining(Sink));
    }
}
