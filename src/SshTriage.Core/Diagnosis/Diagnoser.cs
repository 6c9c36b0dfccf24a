using System.Collections.Generic;
using System.Linq;
using SshTriage.Diagnosis.Rules;

namespace SshTriage.Diagnosis
{
    /// <summary>Runs every rule over the evidence and ranks what they find: Confirmed, then Likely, then Possible.</summary>
    public static class Diagnoser
    {
        /// <summary>The rules, one per cause they can show.</summary>
        public static IReadOnlyList<IRejectRule> Rules { get; } = new IRejectRule[]
        {
            new ListenerRule(RejectCause.SshdNotRunning),
            new ListenerRule(RejectCause.NotListeningOnPort),
            new ListenerRule(RejectCause.NotListeningOnAddress),
            new SshdConfigInvalidRule(),
            new Fail2BanGatewayBannedRule(),
            new Fail2BanBanRule(),
            new Fail2BanBanNotEnforcedRule(),
            new Fail2BanWrongPortRule(),
            new IptablesBackendSplitRule(),
            new FirewallBlockRule(RejectCause.FirewallReject),
            new FirewallBlockRule(RejectCause.FirewallDrop),
            new LogEvidenceRule(RejectCause.TcpWrappersDenied, SshLogEventKind.RefusedConnect, "TCP wrappers (hosts.deny) refuse {0}.", "Allow the client in /etc/hosts.allow (sshd: ADDRESS), or remove the sshd line from /etc/hosts.deny."),
            new LogEvidenceRule(RejectCause.UserNotAllowed, SshLogEventKind.NotAllowed, "sshd does not allow user {1} (AllowUsers, DenyUsers, AllowGroups or DenyGroups).", "Add the user to AllowUsers or AllowGroups (or take it out of DenyUsers) and reload sshd."),
            new LogEvidenceRule(RejectCause.MaxStartupsThrottled, SshLogEventKind.MaxStartupsDrop, "sshd dropped {0}: too many unauthenticated connections were open (MaxStartups).", "Find who holds unauthenticated connections open, lower LoginGraceTime, or raise MaxStartups."),
            new LogEvidenceRule(RejectCause.PerSourcePenalty, SshLogEventKind.PenaltyDrop, "sshd's PerSourcePenalties refuse {0} for now.", "Wait for the penalty to expire and stop what failed its logins; PerSourcePenaltyExemptList exempts trusted sources."),
            new ProbeTextRule(RejectCause.NotSshService),
            new ProbeTextRule(RejectCause.MaxStartupsThrottled),
            new ProbeTextRule(RejectCause.PerSourcePenalty),
        };

        /// <summary>The causes the evidence shows, best first; NoCauseFound when there are none.</summary>
        public static IReadOnlyList<SshRejectCause> Diagnose(DiagnosisContext context)
        {
            var found = Rules.SelectMany(r => r.Evaluate(context))
                .GroupBy(c => (c.Cause, c.IPAddress, c.Jail))
                .Select(g => g.OrderBy(c => c.Confidence).First())
                .OrderBy(c => c.Confidence)
                .ToList();
            if (found.Count == 0)
            {
                found.Add(context.Cause(RejectCause.NoCauseFound, CauseConfidence.Possible, "Nothing in the server's evidence explains the symptom.", context.Quote("collector", $"{context.Evidence.Bundle.Records.Count} sections read")));
            }

            return found;
        }
    }
}
