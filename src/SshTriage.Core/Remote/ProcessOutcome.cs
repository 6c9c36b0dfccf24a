namespace SshTriage.Remote
{
    /// <summary>What a finished child process left behind.</summary>
    public sealed class ProcessOutcome
    {
        /// <summary>Creates an outcome.</summary>
        public ProcessOutcome(int exitCode, string standardOutput, string standardError, bool timedOut, bool outputLimitExceeded = false)
        {
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
            TimedOut = timedOut;
            OutputLimitExceeded = outputLimitExceeded;
        }

        /// <summary>The exit code; -1 when the process was killed for taking too long.</summary>
        public int ExitCode { get; }

        /// <summary>Everything written to standard output.</summary>
        public string StandardOutput { get; }

        /// <summary>Everything written to standard error.</summary>
        public string StandardError { get; }

        /// <summary>True when the process was killed at the time limit.</summary>
        public bool TimedOut { get; }

        /// <summary>True when the process was stopped for printing more than <see cref="ScriptExchange"/> keeps.</summary>
        public bool OutputLimitExceeded { get; }
    }
}
