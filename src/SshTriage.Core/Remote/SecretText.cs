using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SshTriage.Remote
{
    /// <summary>Turns a SecureString into the plain text a protocol needs, at the last moment.</summary>
    public static class SecretText
    {
        /// <summary>The plain text of <paramref name="secret"/>; the unmanaged copy is zeroed at once.</summary>
        public static string Reveal(SecureString secret)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
