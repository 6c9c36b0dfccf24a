using System;
using System.Management.Automation;
using SshTriage.Operations;

namespace SshTriage.Commands
{
    /// <summary>
    /// Base of the client-side cmdlets that check many computers at once (Test-SshPort,
    /// Test-SshLogin): the computers and the port, each name streamed into the scan as the
    /// pipeline delivers it, and the results written as they complete.
    /// </summary>
    public abstract class TargetScanCmdlet : SshTriageCmdlet
    {
        private ITargetScan? scan;

        /// <summary>Host names or IP addresses, each alone or with its port: host:2222, [2001:db8::7]:2222.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>The TCP port sshd should answer on; a port in a name is used instead, and both that differ are an error.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <inheritdoc />
        protected override void BeginProcessing() => scan = CreateScan();

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

        /// <summary>The scan for this call, from the cmdlet's parameters.</summary>
        protected abstract ITargetScan CreateScan();
    }
}
