namespace SshTriage.Operations
{
    /// <summary>
    /// The kind of a problem. Each name is also a member of PowerShell's ErrorCategory, so the
    /// cmdlet layer maps it by name (a contract test keeps the two in step).
    /// </summary>
    public enum TriageErrorCategory
    {
        /// <summary>No better category fits.</summary>
        NotSpecified,

        /// <summary>A parameter value is malformed.</summary>
        InvalidArgument,

        /// <summary>Something named does not exist.</summary>
        ObjectNotFound,

        /// <summary>A connection could not be made.</summary>
        ConnectionError,

        /// <summary>An operation did not finish in time.</summary>
        OperationTimeout,

        /// <summary>The caller lacks a right the operation needs.</summary>
        PermissionDenied,

        /// <summary>A required program is not installed.</summary>
        NotInstalled,

        /// <summary>Data could not be read or understood.</summary>
        InvalidData,

        /// <summary>Authentication failed.</summary>
        AuthenticationError,

        /// <summary>A security check failed.</summary>
        SecurityError,

        /// <summary>The operation cannot run in the current state.</summary>
        InvalidOperation,

        /// <summary>A resource the operation needs is unavailable.</summary>
        ResourceUnavailable,

        /// <summary>A file could not be read.</summary>
        ReadError,

        /// <summary>A command returned a result that is not usable.</summary>
        InvalidResult,

        /// <summary>A file could not be written.</summary>
        WriteError,

        /// <summary>More than a limit allows (a file or an output too large).</summary>
        LimitsExceeded,
    }
}
