namespace SshTriage.Remote
{
    /// <summary>What a finished child process left behind.</summary>
    /// <param name="ExitCode">The exit code; -1 when the process was killed for taking too long.</param>
    /// <param name="StandardOutput">Everything written to standard output.</param>
    /// <param name="StandardError">Everything written to standard error.</param>
    /// <param name="TimedOut">True when the process was killed at the time limit.</param>
    /// <param name="OutputLimitExceeded">True when the process was stopped for printing more than <see cref="ScriptExchange"/> keeps.</param>
    public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut, bool OutputLimitExceeded = false);
}
