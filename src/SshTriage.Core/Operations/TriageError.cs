using System;

namespace SshTriage.Operations
{
    /// <summary>A problem with one item, ready to become a PowerShell error record.</summary>
    public sealed class TriageError
    {
        /// <summary>Creates an error.</summary>
        /// <param name="errorId">Stable id, &lt;Noun&gt;&lt;Problem&gt;, e.g. InvalidComputerName.</param>
        /// <param name="exception">The specific exception; its message says what went wrong.</param>
        /// <param name="category">The kind of problem.</param>
        /// <param name="targetObject">The item the problem is about.</param>
        /// <param name="recommendedAction">What the user can do about it.</param>
        public TriageError(
            string errorId,
            Exception exception,
            TriageErrorCategory category,
            object? targetObject,
            string? recommendedAction = null)
        {
            if (string.IsNullOrEmpty(errorId))
            {
                throw new ArgumentException("An error needs an id.", nameof(errorId));
            }

            ErrorId = errorId;
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
            Category = category;
            TargetObject = targetObject;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Stable id, &lt;Noun&gt;&lt;Problem&gt;.</summary>
        public string ErrorId { get; }

        /// <summary>The exception that describes the problem.</summary>
        public Exception Exception { get; }

        /// <summary>The kind of problem.</summary>
        public TriageErrorCategory Category { get; }

        /// <summary>The item the problem is about.</summary>
        public object? TargetObject { get; }

        /// <summary>What the user can do about it.</summary>
        public string? RecommendedAction { get; }
    }
}
