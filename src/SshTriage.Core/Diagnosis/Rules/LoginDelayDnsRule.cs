using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// sshd looks the client's address up before it answers a login (UseDNS yes, or GSSAPIAuthentication
    /// yes), and the server's resolver is slow or never answers: every login waits for the lookup, and
    /// past LoginGraceTime sshd gives up. Shown by the collector's own timed lookup of the client on the
    /// server and by the wait sshd's log shows between a connection and its login.
    /// </summary>
    public sealed class LoginDelayDnsRule : IRejectRule
    {
        /// <inheritdoc />
        public RejectCause Cause => RejectCause.LoginDelayDns;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            if (context.ConfigFor(context.VisibleAddress) is ConnectionConfig forClient && !Setting(forClient.Config, "usedns") && !Setting(forClient.Config, "gssapiauthentication"))
            {
                return "UseDNS no and GSSAPIAuthentication no for this connection: sshd does not look the client up.";
            }

            return context.ReverseLookup is ReverseLookup lookup && !lookup.Slow ? $"The server's reverse lookup of {context.VisibleAddress} answered in {lookup.Seconds} s." : null;
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var login = context.LoginConfig;
            if (login == null)
            {
                yield break;
            }

            var (config, command) = login.Value;
            var useDns = Setting(config, "usedns");
            var gssapi = Setting(config, "gssapiauthentication");
            var lookup = context.ReverseLookup;
            var wait = LogLines.LastLoginWait(context);
            var slowLogin = wait?.Seconds >= ReverseLookup.SlowSeconds;
            if ((!useDns && !gssapi) || (lookup?.Slow != true && !slowLogin))
            {
                yield break;
            }

            var address = context.VisibleAddress?.ToString() ?? "the client";
            var evidence = new List<CauseEvidence>
            {
                context.Quote(command, string.Join("; ", new[] { useDns ? "usedns yes" : null, gssapi ? "gssapiauthentication yes" : null }.Where(s => s != null))),
            };
            if (lookup != null)
            {
                evidence.Add(context.Quote("getent hosts " + address, lookup.TimedOut ? $"no answer within {ReverseLookup.LimitSeconds} s" : $"answered in {lookup.Seconds} s{(lookup.Name == null ? ", no name" : ": " + lookup.Name)}"));
            }

            if (wait is var (connection, answer, seconds))
            {
                evidence.Add(LogLines.Quote(context, connection));
                evidence.Add(LogLines.Quote(context, answer, $"{seconds} s later: "));
            }

            var graceOut = LoginGraceTimeExceededRule.GraceRanOut(context) != null;
            var lookupWord = lookup == null ? "its log shows the login waiting" : lookup.TimedOut ? $"the server's resolver does not answer for {address} within {ReverseLookup.LimitSeconds} s" : $"the server's lookup of {address} takes {lookup.Seconds} s";
            var keyword = useDns ? "UseDNS" : "GSSAPIAuthentication";
            yield return new SshRejectCause(
                context,
                Cause,
                lookup?.Slow == true && (slowLogin || graceOut) ? CauseConfidence.Confirmed : lookup?.Slow == true ? CauseConfidence.Likely : CauseConfidence.Possible,
                $"sshd looks {address} up before it answers a login ({(useDns ? "UseDNS yes" : "GSSAPIAuthentication yes")}), and {lookupWord}: every login waits for it{(graceOut ? ", past LoginGraceTime" : string.Empty)}.",
                evidence.ToArray())
            {
                Remedy = $"Set {keyword} no in sshd_config{(useDns && gssapi ? " (and GSSAPIAuthentication no unless Kerberos logins are used)" : string.Empty)}, or make the server's resolver answer for {address} (/etc/resolv.conf, or the client in /etc/hosts); then reload sshd.",
                RemedyCommand = $"sed -i -E 's/^[#[:space:]]*{keyword}[[:space:]].*/{keyword} no/I' /etc/ssh/sshd_config && sshd -t",
            };
        }

        private static bool Setting(SshTriage.SshdConfig config, string keyword) =>
            config.Settings.TryGetValue(keyword, out var values) && values.FirstOrDefault() == "yes";
    }
}
