using System;
using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Remote.HostKeys
{
    /// <summary>
    /// Decides whether to trust the key a server offers, never more leniently than OpenSSH with
    /// StrictHostKeyChecking: a revoked key is refused first; a pinned fingerprint, when given,
    /// is the only key accepted; a host certificate counts when a @cert-authority line for the
    /// host signed it and it holds for the host now; otherwise the plain key must be listed for
    /// the host. An unknown host is refused, never learnt.
    /// </summary>
    public sealed class HostKeyVerifier
    {
        private readonly IReadOnlyList<KnownHostsEntry> entries;
        private readonly IReadOnlyList<string> searched;
        private readonly IReadOnlyList<string> pins;

        /// <summary>Creates a verifier over <paramref name="entries"/> (read from <paramref name="searched"/>) and pinned fingerprints.</summary>
        public HostKeyVerifier(IReadOnlyList<KnownHostsEntry> entries, IReadOnlyList<string> searched, IReadOnlyList<string> pins)
        {
            this.entries = entries;
            this.searched = searched;
            this.pins = pins;
        }

        /// <summary>A verifier for a target: its pinned fingerprints, and the known_hosts files its options name.</summary>
        public static HostKeyVerifier For(RemoteTarget target)
        {
            var files = KnownHostsFiles.For(target.SshOptions);
            return new HostKeyVerifier(KnownHostsFiles.Load(files), files, target.HostKeyFingerprints);
        }

        /// <summary>The plain key types known for the host, so a client can ask for those first as ssh does.</summary>
        public IReadOnlyList<string> KnownKeyTypes(string host, int port)
        {
            var lookup = HostPattern.LookupName(host, port);
            return entries.Where(e => e.Marker == KnownHostsMarker.None && e.AppliesTo(lookup)).Select(e => e.KeyType).Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>True when a @cert-authority line applies to the host.</summary>
        public bool HasAuthority(string host, int port)
        {
            var lookup = HostPattern.LookupName(host, port);
            return entries.Any(e => e.Marker == KnownHostsMarker.CertAuthority && e.AppliesTo(lookup));
        }

        /// <summary>
        /// Checks the key blob a server offered for <paramref name="host"/> on <paramref name="port"/>.
        /// <paramref name="authoritySigned"/> tells whether a certificate's signature is the
        /// authority's (the transport's cryptography checks it).
        /// </summary>
        public HostKeyVerdict Verify(string host, int port, byte[] offered, Func<SshCertificate, bool> authoritySigned, DateTimeOffset now)
        {
            var lookup = HostPattern.LookupName(host, port);
            var applicable = entries.Where(e => e.AppliesTo(lookup)).ToList();
            var offeredType = new SshWireReader(offered).ReadString();
            SshCertificate? certificate = null;
            if (SshCertificate.IsCertificateType(offeredType))
            {
                try
                {
                    certificate = SshCertificate.Parse(offered);
                }
                catch (FormatException bad)
                {
                    return Refuse(HostKeyStatus.CertificateInvalid, offeredType, HostKeyFingerprint.Sha256(offered), $"{host} offered a host certificate that cannot be read ({bad.Message}).", "Ask the server's administrator to check its HostCertificate.");
                }
            }

            var keyType = certificate?.KeyType ?? offeredType;
            var key = certificate?.KeyBlob ?? offered;
            var label = HostKeyFingerprint.Label(keyType);
            var fingerprint = HostKeyFingerprint.Sha256(key);
            var offer = $"{label} key {fingerprint}";

            var revoked = applicable.FirstOrDefault(e => e.Marker == KnownHostsMarker.Revoked && (e.HasKey(key) || (certificate != null && e.HasKey(certificate.AuthorityKey))));
            if (revoked != null)
            {
                return Refuse(HostKeyStatus.Revoked, label, fingerprint, $"{host} offered the {offer}, which is marked @revoked in {revoked.Location}.", "Do not connect until the server's administrator has given it a new host key; then list that one in known_hosts.");
            }

            if (pins.Count > 0)
            {
                return pins.Contains(fingerprint, StringComparer.Ordinal)
                    ? Trust(label, fingerprint)
                    : Refuse(HostKeyStatus.NotPinned, label, fingerprint, $"{host} offered the {offer}, not the pinned -HostKeyFingerprint {string.Join(", ", pins)}.", $"Check the server's key out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileName(keyType)}_key.pub). Pin the fingerprint of the key it really has; if it offers another of its keys, pin that one too.");
            }

            if (certificate != null)
            {
                var authority = applicable.FirstOrDefault(e => e.Marker == KnownHostsMarker.CertAuthority && e.HasKey(certificate.AuthorityKey));
                if (authority != null)
                {
                    var problem = CertificateProblem(certificate, host, now, authoritySigned);
                    return problem == null
                        ? Trust(label, fingerprint)
                        : Refuse(HostKeyStatus.CertificateInvalid, label, fingerprint, $"{host} offered a host certificate for its {offer} from the authority in {authority.Location}, but {problem}.", "Ask the server's administrator to renew or correct its host certificate.");
                }
            }

            var plain = applicable.Where(e => e.Marker == KnownHostsMarker.None).ToList();
            if (plain.Any(e => e.HasKey(key)))
            {
                return Trust(label, fingerprint);
            }

            var sameType = plain.FirstOrDefault(e => e.KeyType == keyType);
            if (sameType != null)
            {
                return Refuse(HostKeyStatus.Changed, label, fingerprint, $"The host key of {host} has changed: it offered the {offer}, but {sameType.Location} lists another {label} key for it. Someone may be intercepting the connection, or the server was reinstalled.", ChangedAdvice(lookup, keyType));
            }

            var others = plain.Count == 0 ? string.Empty : $" ({string.Join(", ", plain.Select(e => HostKeyFingerprint.Label(e.KeyType)).Distinct())} keys are known for it, not {label})";
            return Refuse(
                HostKeyStatus.Unknown,
                label,
                fingerprint,
                $"{host} is not a known host{others}: it offered the {offer}. Searched: {string.Join(", ", searched)}.",
                $"Compare {fingerprint} with the server's own key (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileName(keyType)}_key.pub). If they match, pin it with -HostKeyFingerprint {fingerprint}, or add the key to known_hosts: ssh-keyscan -t {KeyFileName(keyType)}{(port == 22 ? string.Empty : " -p " + port.ToString(System.Globalization.CultureInfo.InvariantCulture))} {host} >> ~/.ssh/known_hosts.");
        }

        // OpenSSH's checks for a host certificate (sshkey_cert_check_authority).
        private static string? CertificateProblem(SshCertificate certificate, string host, DateTimeOffset now, Func<SshCertificate, bool> authoritySigned)
        {
            if (!certificate.IsHostCertificate)
            {
                return "it is a user certificate";
            }

            if (!certificate.IsValidAt(now))
            {
                return "it is not valid now";
            }

            var name = host.Trim().Trim('[', ']');
            if (certificate.Principals.Count > 0 && !certificate.Principals.Any(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)))
            {
                return $"it is for {string.Join(", ", certificate.Principals)}, not {name}";
            }

            if (certificate.CriticalOptions.Count > 0)
            {
                return $"it has critical options ({string.Join(", ", certificate.CriticalOptions)}) that no host certificate may have";
            }

            return authoritySigned(certificate) ? null : "the authority's signature on it does not verify";
        }

        private static string KeyFileName(string keyType)
        {
            var label = HostKeyFingerprint.Label(keyType);
            return label == "ED25519" || label == "ECDSA" || label == "RSA" || label == "DSA" ? label.ToLowerInvariant() : keyType;
        }

        private static string ChangedAdvice(string lookup, string keyType) =>
            $"Check the server's key out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileName(keyType)}_key.pub). If the change is expected, remove the old entry (ssh-keygen -R '{lookup}') and add the new key. SshTriage never turns host key checking off.";

        private static HostKeyVerdict Trust(string label, string fingerprint) => new HostKeyVerdict(HostKeyStatus.Trusted, label, fingerprint, string.Empty, string.Empty);

        private static HostKeyVerdict Refuse(HostKeyStatus status, string label, string fingerprint, string message, string advice) => new HostKeyVerdict(status, label, fingerprint, message, advice);
    }
}
