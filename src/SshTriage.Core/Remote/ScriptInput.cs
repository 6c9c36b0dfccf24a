using System;
using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Remote
{
    /// <summary>
    /// What a remote <c>sh -s</c> reads: a whole script, or a first part, the line the script
    /// prints once it has run that part, and the rest, made only after that line has arrived.
    /// In between the caller acts from outside (Find-SshRejectCause probes the server there), so
    /// one ssh process reads the server both before and after the probes.
    /// </summary>
    public sealed class ScriptInput
    {
        private ScriptInput(string first, string? pauseLine, Func<CancellationToken, Task<string>>? rest)
        {
            First = first;
            PauseLine = pauseLine;
            Rest = rest;
        }

        /// <summary>The script, or its first part.</summary>
        public string First { get; }

        /// <summary>The output line that says the first part has run; null for a whole script.</summary>
        public string? PauseLine { get; }

        /// <summary>Acts while the script waits and returns the rest of the script; null for a whole script.</summary>
        public Func<CancellationToken, Task<string>>? Rest { get; }

        /// <summary>The same script with <paramref name="prefix"/> sent before its first part.</summary>
        public ScriptInput Prefixed(string prefix) => new ScriptInput(prefix + First, PauseLine, Rest);

        /// <summary>A script sent all at once.</summary>
        public static ScriptInput Whole(string script) => new ScriptInput(script, null, null);

        /// <summary>A script sent in two parts, the second once <paramref name="pauseLine"/> has been printed.</summary>
        public static ScriptInput Paused(string first, string pauseLine, Func<CancellationToken, Task<string>> rest) =>
            new ScriptInput(first, pauseLine ?? throw new ArgumentNullException(nameof(pauseLine)), rest ?? throw new ArgumentNullException(nameof(rest)));
    }
}
