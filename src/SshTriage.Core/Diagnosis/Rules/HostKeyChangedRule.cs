using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// The failing client's known_hosts holds keys for the server, and none is a key the server has:
    /// ssh stops with "REMOTE HOST IDENTIFICATION HAS CHANGED" (a key of the same type differs) or will
    /// not trust the key the server offers (only other types are known). Read from both ends: the
    /// client's ssh-keygen -F (-FromHost) against the fingerprints of the server's HostKey files.
    /// </summary>
    public sealed class HostKeyChangedRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.HostKeyChanged;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var known = context.Window?.Client?.KnownHosts;
            var match = known == null || context.HostKeys == null ? null : known.FirstOrDefault(k => context.HostKeys.Any(s => s.Fingerprint == k.Fingerprint));
            return match == null ? null : $"{match.File} on {context.Window!.Origin} holds the server's {match.Type} key {match.Fingerprint}.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var known = context.Window?.Client?.KnownHosts;
            var server = context.HostKeys;
            if (known == null || known.Count == 0 || server == null || known.Any(k => server.Any(s => s.Fingerprint == k.Fingerprint)))
            {
                yield break;
            }

            var sameType = known.Where(k => server.Any(s => s.Type == k.Type)).ToList();
            var origin = context.Window!.Origin;
            var evidence = known.Select(k => context.Quote($"ssh-keygen -l -F {k.Host} -f {k.File} (on {origin})", $"{k.Type} {k.Fingerprint}"))
                .Concat(server.Select(s => context.Quote("ssh-keygen -lf (sshd -T hostkey)", $"{s.Type} {s.Fingerprint}")))
                .ToArray();
            var host = known[0].Host;
            yield return new SshRejectCause(
                context,
                Cause,
                sameType.Count > 0 ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                sameType.Count > 0
                    ? $"{origin}'s known_hosts holds another {sameType[0].Type} key for {host} ({sameType[0].Fingerprint}) than the server has: ssh refuses with \"REMOTE HOST IDENTIFICATION HAS CHANGED\"."
                    : $"{origin}'s known_hosts holds only {string.Join(", ", known.Select(k => k.Type).Distinct())} keys for {host}, and the server has none of them: ssh will not trust the key it offers.",
                evidence)
            {
                Remedy = $"Check the server's new key at its console (the fingerprints above), then remove the old entry on {origin} and accept the new one at the next login. If the key was not meant to change, stop: someone may be in the middle.",
                RemedyCommand = $"ssh-keygen -f {known[0].File} -R {host}",
            };
        }
    }
}
