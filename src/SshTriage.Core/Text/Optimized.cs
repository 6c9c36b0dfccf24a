using System.Runtime.CompilerServices;

namespace SshTriage.Text
{
    /// <summary>
    /// How the parsers of large sections ask to be compiled. A parser over <see cref="IText"/>
    /// runs once over 100,000 lines; compiled first without optimisation, as the runtime's tiers
    /// compile every method, each character it reads is a call, and the one run it has is over
    /// before a faster tier would take over. Methods marked with this are compiled optimised at
    /// once.
    /// </summary>
    internal static class Optimized
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name; older runtimes ignore it.</summary>
        public const MethodImplOptions AtOnce = (MethodImplOptions)512;
    }
}
