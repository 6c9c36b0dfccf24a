using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// Client and server share no algorithm for one purpose: sshd logs "Unable to negotiate with ...:
    /// no matching host key type found. Their offer: ..." with the client's list, and sshd -T shows its own.
    /// Typically an old client offering only ssh-rsa, ssh-dss or SHA-1 key exchange to a modern sshd, or
    /// a client whose ssh_config forces a list. With -FromHost the client's own list (ssh -G) is the other
    /// end: quoted beside sshd's line, or on its own when it shares nothing with sshd -T's.
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
            var forced = line == null ? ForcedByClient(context) : null;
            if (line == null && forced == null)
            {
                yield break;
            }

            var what = line == null ? forced!.Value.What : Between(line.Message, "no matching ", " found");
            var offer = line == null ? forced!.Value.Offer : Between(line.Message, "Their offer: ", " [preauth]") ?? line.Message.Substring(line.Message.LastIndexOf(' ') + 1);
            var evidence = new List<CauseEvidence>();
            if (line != null)
            {
                evidence.Add(Rules.LogLines.Quote(context, line));
            }

            string? serverList = null;
            if (what != null && ServerLists.TryGetValue(what, out var keyword) && context.LoginSetting(keyword) is var (list, quote))
            {
                serverList = list;
                evidence.Add(quote);
                if (context.Window?.Client?.Setting(keyword).FirstOrDefault() is string clientList)
                {
                    evidence.Add(context.Quote($"ssh -G {context.ComputerName} (on {context.Window.Origin})", keyword + " " + clientList));
                }
            }

            yield return new SshRejectCause(
                context,
                Cause,
                CauseConfidence.Confirmed,
                $"{(line?.Address?.ToString() ?? context.Window!.Origin)} and the server share no {what ?? "algorithm"}: the client offered {offer}{(serverList == null ? string.Empty : ", the server takes " + serverList)}.",
                evidence.ToArray())
            {
                Remedy = $"Make the client offer one the server takes: remove the list its ssh_config forces (ssh -G {context.ComputerName} shows the effective one) or update the client. Re-enabling a weak algorithm on the server (+{offer.Split(',')[0]}) is the last resort.",
                RemedyCommand = $"ssh -G {context.ComputerName} | grep -Ei '^(kexalgorithms|hostkeyalgorithms|ciphers|macs) '",
            };
        }

        // With -FromHost: a list the client's own configuration gives (ssh -G) that shares nothing with
        // sshd -T's list for the same purpose; the two ends show the mismatch without a log line.
        private static (string What, string Offer)? ForcedByClient(DiagnosisContext context)
        {
            var client = context.Window?.Client;
            if (client == null)
            {
                return null;
            }

            foreach (var purpose in ServerLists)
            {
                var offer = client.Setting(purpose.Value).FirstOrDefault();
                if (offer != null && context.LoginSetting(purpose.Value) is var (list, _) && !offer.Split(',').Intersect(list.Split(',')).Any())
                {
                    return (purpose.Key, offer);
                }
            }

            return null;
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
