using System;

namespace SshTriage.Remote.Loading
{
    /// <summary>Thrown when the SSH.NET transport's private folder is missing or cannot be loaded.</summary>
    public sealed class SshNetUnavailableException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SshNetUnavailableException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
