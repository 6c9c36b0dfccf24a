using System.Linq;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>One line of a known_hosts file: which hosts, which key, and where it was read.</summary>
    /// <param name="Marker">@cert-authority, @revoked or none.</param>
    /// <param name="Hosts">The host field as written: patterns, or one hashed name.</param>
    /// <param name="KeyType">The key type, e.g. ssh-ed25519.</param>
    /// <param name="KeyBlob">The public key blob.</param>
    /// <param name="Source">The file the line came from.</param>
    /// <param name="LineNumber">The line's number in its file, from 1.</param>
    public sealed record KnownHostsEntry(KnownHostsMarker Marker, string Hosts, string KeyType, byte[] KeyBlob, string Source, int LineNumber)
    {
        /// <summary>file:line, for messages.</summary>
        public string Location => Source + ":" + LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>True when the line applies to <paramref name="lookupName"/> (see <see cref="HostPattern.LookupName"/>).</summary>
        public bool AppliesTo(string lookupName) => HostPattern.Matches(Hosts, lookupName);

        /// <summary>True when the line holds exactly <paramref name="blob"/>.</summary>
        public bool HasKey(byte[] blob) => KeyBlob.SequenceEqual(blob);
    }
}
