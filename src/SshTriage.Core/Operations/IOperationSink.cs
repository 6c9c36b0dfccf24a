namespace SshTriage.Operations
{
    /// <summary>
    /// Where a Core operation sends what it produces. A cmdlet implements it over WriteObject,
    /// WriteError, WriteProgress and ShouldProcess; tests implement it over lists. Operations call
    /// it only from the thread that called them.
    /// </summary>
    public interface IOperationSink
    {
        /// <summary>Emits one output object.</summary>
        void WriteObject(object item);

        /// <summary>Reports a problem with one item; the operation goes on with the others.</summary>
        void WriteError(TriageError error);

        /// <summary>Reports progress of long work.</summary>
        void WriteProgress(ProgressInfo progress);

        /// <summary>Writes a detail for -Verbose.</summary>
        void WriteVerbose(string message);

        /// <summary>Writes a warning.</summary>
        void WriteWarning(string message);

        /// <summary>Asks whether a change may be made; false means skip it.</summary>
        bool ShouldProcess(string target, string action);
    }
}
