namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets netstandard2.0 code declare init accessors and records: the compiler needs this type,
    /// which .NET 5 and later define and netstandard2.0 does not. Internal, so it never clashes with theirs.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
