namespace SshTriage.Operations
{
    /// <summary>
    /// A client-side check of many targets at once (Test-SshPort, Test-SshLogin): targets are added
    /// as pipeline input arrives, and results are written on the caller's thread.
    /// </summary>
    public interface ITargetScan
    {
        /// <summary>Starts checking <paramref name="computerName"/> (a name or address, alone or with its port); a malformed one is an error at once.</summary>
        /// <param name="computerName">What the user typed.</param>
        /// <param name="port">The -Port value.</param>
        /// <param name="sink">Where errors about the name go.</param>
        /// <param name="portIsDefault">True when -Port was not given, so a port in the name wins.</param>
        void Add(string computerName, int port, IOperationSink sink, bool portIsDefault = false);

        /// <summary>Writes the results that are ready, without waiting.</summary>
        void WriteCompleted(IOperationSink sink);

        /// <summary>Waits for every target, writing results as they complete. Throws OperationCanceledException when cancelled.</summary>
        void WriteRemaining(IOperationSink sink);
    }
}
