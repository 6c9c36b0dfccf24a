using System;
using System.Collections.Generic;
using System.Diagnostics;
using Renci.SshNet;

namespace SshTriage.SshNet
{
    /// <summary>
    /// Wraps one of SSH.NET's authentication methods to record what it offered and what the
    /// server answered (success, partial success, or failure with the methods that can continue).
    /// SSH.NET calls it only for a method the server allows.
    /// </summary>
    internal sealed class RecordingAuthentication : AuthenticationMethod
    {
        private readonly AuthenticationMethod inner;
        private readonly IReadOnlyList<string> keys;
        private readonly Action<SshAuthenticationAttempt> record;

        public RecordingAuthentication(AuthenticationMethod inner, IReadOnlyList<string> keys, Action<SshAuthenticationAttempt> record)
            : base(inner.Username)
        {
            this.inner = inner;
            this.keys = keys;
            this.record = record;
        }

        public override string Name => inner.Name;

        public override AuthenticationResult Authenticate(Session session)
        {
            var clock = Stopwatch.StartNew();
            var result = inner.Authenticate(session);
            AllowedAuthentications = inner.AllowedAuthentications;
            var allowed = result == AuthenticationResult.Success ? Array.Empty<string>() : (IReadOnlyList<string>?)inner.AllowedAuthentications ?? Array.Empty<string>();
            record(new SshAuthenticationAttempt(Name, keys, result.ToString(), allowed, clock.Elapsed));
            return result;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                (inner as IDisposable)?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
