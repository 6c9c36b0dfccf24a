using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Client and server share no algorithm for one purpose: sshd logs "Unable to negotiate with ...:
    /// no matching host key type found. Their offer: ..." with the client's list, and sshd -T shows its own.
    /// Typically an old client offering only ssh-rsa, ssh-dss or SHA-1 key exchange to a modern sshd, or
    /// a client whose ssh_config forces a list.
    /// </summary>
    public sealed class AlgorithmMismatchRule : IRejectRule
    {
        // What sshd calls each purpose in its message, and the sshd -T keyword of its own list.
        private static readonly Dictionary<string, string> ServerLists = new Dictionary<string, string>
        {
            ["key exchange method"] = "kexalgorithms",
            ["host key type"] = "hostkeyalgorithms",
            ["cipher"] = "ciphers",
            ["MAC"] = "macs",
        };

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.AlgorithmMismatch;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context) => null;

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var address = context.VisibleAddress ?? context.ClientAddress;
            var line = context.Log.LastOrDefault(e => e.Kind == SshLogEventKind.NegotiationFailed && (address == null || address.Equals(e.Address)));
            if (line == null)
            {
                yield break;
            }

            var message = line.Message;
            var what = Between(message, "no matching ", " found");
            var offer = Between(message, "Their offer: ", " [preauth]") ?? message.Substring(message.LastIndexOf(' ') + 1);
            var evidence = new List<CauseEvidence> { Rules.LogLines.Quote(context, line) };
            string? serverList = null;
            if (what != null && ServerLists.TryGetValue(what, out var keyword) && context.LoginConfig is var (config, command) && config.Settings.TryGetValue(keyword, out var values) && values.Length > 0)
            {
                serverList = values[0];
                evidence.Add(context.Quote(command, keyword + " " + serverList));
            }

            var cause = context.Cause(
                Cause,
                CauseConfidence.Confirmed,
                $"{line.Address} and the server share no {what ?? "algorithm"}: the client offered {offer}{(serverList == null ? string.Empty : ", the server takes " + serverList)}.",
                evidence.ToArray());
            cause.Remedy = $"Make the client offer one the server takes: remove the list its ssh_config forces (ssh -G {context.ComputerName} shows the effective one) or update the client. Re-enabling a weak algorithm on the server (+{offer.Split(',')[0]}) is the last resort.";
            cause.RemedyCommand = $"ssh -G {context.ComputerName} | grep -Ei '^(kexalgorithms|hostkeyalgorithms|ciphers|macs) '";
            yield return cause;
        }

        private static string? Between(string text, string start, string end)
        {
            var from = text.IndexOf(start, System.StringComparison.Ordinal);
            if (from < 0)
            {
                return null;
            }

            from += start.Length;
            var to = text.IndexOf(end, from, System.StringComparison.Ordinal);
            return to < 0 ? null : text.Substring(from, to - from);
        }
    }
}
