using System;
using System.Collections.Generic;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>
    /// An OpenSSH certificate (PROTOCOL.certkeys), read from its wire encoding: the certified key,
    /// whom it is for, when it is valid, and the authority that signed it.
    /// </summary>
    public sealed class SshCertificate
    {
        private const string Suffix = "-cert-v01@openssh.com";

        // How many length-prefixed fields each certified key type has after the nonce.
        private static readonly Dictionary<string, int> KeyFieldCounts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["ssh-rsa"] = 2,
            ["ssh-dss"] = 4,
            ["ecdsa-sha2-nistp256"] = 2,
            ["ecdsa-sha2-nistp384"] = 2,
            ["ecdsa-sha2-nistp521"] = 2,
            ["ssh-ed25519"] = 1,
        };

        private SshCertificate(
            string keyType,
            byte[] keyBlob,
            uint certificateType,
            string keyId,
            IReadOnlyList<string> principals,
            ulong validAfter,
            ulong validBefore,
            IReadOnlyList<string> criticalOptions,
            byte[] authorityKey,
            byte[] signedData,
            byte[] signature)
        {
            KeyType = keyType;
            KeyBlob = keyBlob;
            IsHostCertificate = certificateType == 2;
            KeyId = keyId;
            Principals = principals;
            ValidAfter = validAfter;
            ValidBefore = validBefore;
            CriticalOptions = criticalOptions;
            AuthorityKey = authorityKey;
            SignedData = signedData;
            Signature = signature;
        }

        /// <summary>The certified key's own type, e.g. ssh-ed25519.</summary>
        public string KeyType { get; }

        /// <summary>The certified key as a plain public key blob (what known_hosts holds for it).</summary>
        public byte[] KeyBlob { get; }

        /// <summary>True for a host certificate (type 2), false for a user certificate.</summary>
        public bool IsHostCertificate { get; }

        /// <summary>The authority's name for the certificate.</summary>
        public string KeyId { get; }

        /// <summary>The host names the certificate is valid for; empty means any.</summary>
        public IReadOnlyList<string> Principals { get; }

        /// <summary>Seconds since 1970 from which the certificate is valid.</summary>
        public ulong ValidAfter { get; }

        /// <summary>Seconds since 1970 until which the certificate is valid.</summary>
        public ulong ValidBefore { get; }

        /// <summary>The names of its critical options (host certificates define none).</summary>
        public IReadOnlyList<string> CriticalOptions { get; }

        /// <summary>The signing authority's public key blob.</summary>
        public byte[] AuthorityKey { get; }

        /// <summary>The bytes the authority signed: everything before the signature.</summary>
        public byte[] SignedData { get; }

        /// <summary>The authority's signature: format name and signature blob.</summary>
        public byte[] Signature { get; }

        /// <summary>True when <paramref name="keyType"/> names a certificate type.</summary>
        public static bool IsCertificateType(string keyType) => keyType.EndsWith(Suffix, StringComparison.Ordinal);

        /// <summary>Reads a certificate blob; throws FormatException for anything malformed or of an unknown key type.</summary>
        public static SshCertificate Parse(byte[] blob)
        {
            var reader = new SshWireReader(blob);
            var type = reader.ReadString();
            if (!IsCertificateType(type))
            {
                throw new FormatException($"'{type}' is not a certificate type.");
            }

            var keyType = type.Substring(0, type.Length - Suffix.Length);
            if (!KeyFieldCounts.TryGetValue(keyType, out var fields))
            {
                throw new FormatException($"Certificates of {keyType} keys are not supported.");
            }

            reader.ReadBytes();
            var keyStart = reader.Position;
            for (var i = 0; i < fields; i++)
            {
                reader.ReadBytes();
            }

            var keyFields = reader.Slice(keyStart);
            var name = SshWireReader.EncodeString(keyType);
            var keyBlob = new byte[name.Length + keyFields.Length];
            Buffer.BlockCopy(name, 0, keyBlob, 0, name.Length);
            Buffer.BlockCopy(keyFields, 0, keyBlob, name.Length, keyFields.Length);

            reader.ReadUInt64();
            var certificateType = reader.ReadUInt32();
            var keyId = reader.ReadString();
            var principals = Strings(reader.ReadBytes());
            var validAfter = reader.ReadUInt64();
            var validBefore = reader.ReadUInt64();
            var critical = new List<string>();
            var options = new SshWireReader(reader.ReadBytes());
            while (!options.AtEnd)
            {
                critical.Add(options.ReadString());
                options.ReadBytes();
            }

            reader.ReadBytes();
            reader.ReadBytes();
            var authority = reader.ReadBytes();
            var signedData = reader.Slice(0);
            var signature = reader.ReadBytes();
            return new SshCertificate(keyType, keyBlob, certificateType, keyId, principals, validAfter, validBefore, critical, authority, signedData, signature);
        }

        /// <summary>True when the certificate is valid at <paramref name="now"/>.</summary>
        public bool IsValidAt(DateTimeOffset now)
        {
            var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
            return seconds >= ValidAfter && seconds < ValidBefore;
        }

        private static List<string> Strings(byte[] packed)
        {
            var reader = new SshWireReader(packed);
            var values = new List<string>();
            while (!reader.AtEnd)
            {
                values.Add(reader.ReadString());
            }

            return values;
        }
    }
}
