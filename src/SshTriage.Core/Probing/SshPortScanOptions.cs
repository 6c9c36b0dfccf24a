using System;

namespace SshTriage.Probing
{
    /// <summary>Settings of one Test-SshPort call.</summary>
    public sealed class SshPortScanOptions
    {
        /// <summary>Default number of targets probed at once.</summary>
        public const int DefaultThrottleLimit = 128;

        /// <summary>Default seconds for each step of a probe (Test-SshPort, and Find-SshRejectCause's probes).</summary>
        public const int DefaultTimeoutSec = 5;

        /// <summary>Creates options; the timeout bounds the name lookup, the connect and the banner wait each.</summary>
        public SshPortScanOptions(TimeSpan timeout, int throttleLimit = DefaultThrottleLimit)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
            }

            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            }

            Timeout = timeout;
            ThrottleLimit = throttleLimit;
        }

        /// <summary>How long each step of a probe may take.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How many targets are probed at once.</summary>
        public int ThrottleLimit { get; }
    }
}
