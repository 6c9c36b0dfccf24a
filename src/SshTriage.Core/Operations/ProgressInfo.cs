namespace SshTriage.Operations
{
    /// <summary>One progress report of a long operation.</summary>
    /// <param name="ActivityId">Identifies the activity among others of the same command.</param>
    /// <param name="Activity">What is being done.</param>
    /// <param name="StatusDescription">Where it stands.</param>
    /// <param name="PercentComplete">0 to 100, or -1 when unknown.</param>
    /// <param name="Completed">True for the last report, which removes the progress bar.</param>
    public sealed record ProgressInfo(int ActivityId, string Activity, string StatusDescription, int PercentComplete, bool Completed = false);
}
