using System.Linq;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>One line of a known_hosts file: which hosts, which key, and where it was read.</summary>
    public sealed class KnownHostsEntry
    {
        /// <summary>Creates an entry.</summary>
        public KnownHostsEntry(KnownHostsMarker marker, string hosts, string keyType, byte[] keyBlob, string source, int lineNumber)
        {
            Marker = marker;
            Hosts = hosts;
            KeyType = keyType;
            KeyBlob = keyBlob;
            Source = source;
            LineNumber = lineNumber;
        }

        /// <summary>@cert-authority, @revoked or none.</summary>
        public KnownHostsMarker Marker { get; }

        /// <summary>The host field as written: patterns, or one hashed name.</summary>
        public string Hosts { get; }

        /// <summary>The key type, e.g. ssh-ed25519.</summary>
        public string KeyType { get; }

        /// <summary>The public key blob.</summary>
        public byte[] KeyBlob { get; }

        /// <summary>The file the line came from.</summary>
        public string Source { get; }

        /// <summary>The line's number in its file, from 1.</summary>
        public int LineNumber { get; }

        /// <summary>file:line, for messages.</summary>
        public string Location => Source + ":" + LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>True when the line applies to <paramref name="lookupName"/> (see <see cref="HostPattern.LookupName"/>).</summary>
        public bool AppliesTo(string lookupName) => HostPattern.Matches(Hosts, lookupName);

        /// <summary>True when the line holds exactly <paramref name="blob"/>.</summary>
        public bool HasKey(byte[] blob) => KeyBlob.SequenceEqual(blob);
    }
}
