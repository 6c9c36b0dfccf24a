using System;
using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// PubkeyAcceptedAlgorithms leaves out every signature algorithm the client's key can make: an old
    /// ssh-rsa-only setup against OpenSSH 8.8+, or a server that allows only some key types.
    /// </summary>
    public sealed class KeyTypeNotAcceptedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.KeyTypeNotAccepted;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            // Only sshd -T -C for this connection rules it out: a Match block may narrow the list.
            var (key, accepted, _) = context.ConfigFor(context.VisibleAddress) == null ? (null, null, null) : Read(context);
            return key == null || accepted == null || !Signatures(key.Algorithm).Any(accepted.Contains) ? null : $"PubkeyAcceptedAlgorithms accepts {key.Algorithm} keys.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var (key, accepted, command) = Read(context);
            if (key == null || accepted == null || Signatures(key.Algorithm).Any(accepted.Contains))
            {
                yield break;
            }

            var proof = LogLines.Proof(context, SshLogEventKind.KeyTypeRejected, e => Signatures(key.Algorithm).Any(s => e.Message.Contains(" " + s + " ")));
            yield return new SshRejectCause(
                context,
                Cause,
                proof != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"sshd accepts no signature a {key.Algorithm} key makes ({string.Join(", ", Signatures(key.Algorithm))}): the client's key {key.Fingerprint} is refused before it is looked up.",
                LogLines.Evidence(context.Quote(command!, "pubkeyacceptedalgorithms " + string.Join(",", accepted)), proof))
            {
                Remedy = $"Give the client a key of a type the server accepts (ssh-keygen -t ed25519), or add its algorithm to PubkeyAcceptedAlgorithms (+{key.Algorithm}) if that is a deliberate choice.",
                RemedyCommand = "ssh-keygen -t ed25519",
            };
        }

        /// <summary>The signature algorithms a key of <paramref name="keyAlgorithm"/> can use: an RSA key signs with SHA-2 or SHA-1.</summary>
        public static IReadOnlyList<string> Signatures(string keyAlgorithm) => keyAlgorithm switch
        {
            "ssh-rsa" => new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" },
            "ssh-rsa-cert-v01@openssh.com" => new[] { "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com" },
            _ => new[] { keyAlgorithm },
        };

        private static (Accounts.ClientPublicKey? Key, IReadOnlyList<string>? Accepted, string? Command) Read(DiagnosisContext context)
        {
            var login = context.LoginConfig;
            if (context.ClientKey == null || login == null || !login.Value.Config.Settings.TryGetValue("pubkeyacceptedalgorithms", out var value) || value.Length == 0)
            {
                return (context.ClientKey, null, null);
            }

            return (context.ClientKey, value[0].Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries), login.Value.Command);
        }
    }
}
