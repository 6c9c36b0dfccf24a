namespace SshTriage.Operations
{
    /// <summary>One progress report of a long operation.</summary>
    public sealed class ProgressInfo
    {
        /// <summary>Creates a progress report.</summary>
        public ProgressInfo(int activityId, string activity, string statusDescription, int percentComplete, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            StatusDescription = statusDescription;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        /// <summary>Identifies the activity among others of the same command.</summary>
        public int ActivityId { get; }

        /// <summary>What is being done.</summary>
        public string Activity { get; }

        /// <summary>Where it stands.</summary>
        public string StatusDescription { get; }

        /// <summary>0 to 100, or -1 when unknown.</summary>
        public int PercentComplete { get; }

        /// <summary>True for the last report, which removes the progress bar.</summary>
        public bool Completed { get; }
    }
}
