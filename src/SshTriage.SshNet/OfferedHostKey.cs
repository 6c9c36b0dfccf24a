using System.Reflection;
using Renci.SshNet.Common;

namespace SshTriage.SshNet
{
    /// <summary>The key blob a server offered, whole: a host certificate as it came, not just the key it certifies.</summary>
    internal static class OfferedHostKey
    {
        // SSH.NET keeps a certificate's encoding internal; without it the authority's signature
        // cannot be checked, and the certified key is then judged as a plain key (never more leniently).
        private static readonly PropertyInfo? CertificateBytes =
            typeof(Renci.SshNet.Security.Certificate).GetProperty("Bytes", BindingFlags.Instance | BindingFlags.NonPublic);

        public static byte[] Of(HostKeyEventArgs offer) =>
            offer.Certificate != null && CertificateBytes?.GetValue(offer.Certificate) is byte[] certificate ? certificate : offer.HostKey;

        /// <summary>A certificate's encoding as SSH.NET read it, or null.</summary>
        internal static byte[]? Encoding(Renci.SshNet.Security.Certificate certificate) => CertificateBytes?.GetValue(certificate) as byte[];
    }
}
