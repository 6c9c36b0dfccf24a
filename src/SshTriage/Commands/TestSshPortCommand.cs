using System;
using System.Management.Automation;
using SshTriage.Operations;
using SshTriage.Probing;

namespace SshTriage.Commands
{
    /// <summary>
    /// Test-SshPort: connects to every address of each computer, reads the SSH identification
    /// line and says what a client sees (Open, Refused, TimedOut, ...).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SshPort")]
    [OutputType(typeof(SshPortResult))]
    public sealed class TestSshPortCommand : TargetScanCmdlet
    {
        /// <summary>Seconds to wait for the name lookup, for the TCP connect, and for the identification line, each.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = SshPortScanOptions.DefaultTimeoutSec;

        /// <summary>How many computers are probed at once.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int ThrottleLimit { get; set; } = SshPortScanOptions.DefaultThrottleLimit;

        /// <inheritdoc />
        protected override ITargetScan CreateScan() => new SshPortScan(
            new SshPortScanOptions(TimeSpan.FromSeconds(TimeoutSec), ThrottleLimit),
            new DnsHostResolver(),
            CancelToken);
    }
}
