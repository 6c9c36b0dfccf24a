using System;
using System.Collections.Generic;

namespace SshTriage
{
    /// <summary>One authentication method Test-SshLogin tried, and the server's answer.</summary>
    public sealed class SshAuthenticationAttempt
    {
        /// <summary>Creates the record of one attempt.</summary>
        public SshAuthenticationAttempt(string method, IReadOnlyList<string> keys, string result, IReadOnlyList<string> allowedAfter, TimeSpan duration)
        {
            Method = method;
            Keys = keys;
            Result = result;
            AllowedAfter = allowedAfter;
            Duration = duration;
        }

        /// <summary>The method as SSH names it: publickey, password, keyboard-interactive.</summary>
        public string Method { get; }

        /// <summary>For publickey, the keys offered, each as its type and SHA256 fingerprint (ED25519 SHA256:...).</summary>
        public IReadOnlyList<string> Keys { get; }

        /// <summary>The server's answer: Success, PartialSuccess (another method must follow) or Failure.</summary>
        public string Result { get; }

        /// <summary>The methods the server said can continue after this answer (empty after a success).</summary>
        public IReadOnlyList<string> AllowedAfter { get; }

        /// <summary>From the request to the server's answer.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The method, its keys and the answer on one line.</summary>
        public override string ToString() =>
            Keys.Count == 0 ? $"{Method}: {Result}" : $"{Method} ({string.Join(", ", Keys)}): {Result}";
    }
}
