using System.Collections.Generic;
using System.Linq;
using SshTriage.Diagnosis.Rules;

namespace SshTriage.Diagnosis
{
    /// <summary>Runs every rule over the evidence and ranks what they find (<see cref="CauseRanking"/>), then, when asked, what was ruled out (Cleared).</summary>
    public static class Diagnoser
    {
        /// <summary>The rules, one per cause they can show.</summary>
        public static IReadOnlyList<IRejectRule> Rules { get; } = new IRejectRule[]
        {
            new ListenerRule(RejectCause.SshdNotRunning),
            new ListenerRule(RejectCause.NotListeningOnPort),
            new ListenerRule(RejectCause.NotListeningOnAddress),
            new SocketActivationRule(),
            new SELinuxPortRule(),
            new SshdConfigInvalidRule(),
            new Fail2BanGatewayBannedRule(),
            new Fail2BanBanRule(),
            new Fail2BanBanNotEnforcedRule(),
            new Fail2BanBanIneffectiveRule(),
            new Fail2BanWrongPortRule(),
            new IptablesBackendSplitRule(),
            new FirewallBlockRule(RejectCause.FirewallReject),
            new FirewallBlockRule(RejectCause.FirewallDrop),
            new RateLimitRule(RejectCause.FirewallReject),
            new RateLimitRule(RejectCause.FirewallDrop),
            new TcpWrappersDeniedRule(),
            new UserNotAllowedRule(),
            new RefusedByConfigRule(),
            new LogEvidenceRule(RejectCause.MaxStartupsThrottled, SshLogEventKind.MaxStartupsDrop, "sshd dropped {0}: too many unauthenticated connections were open (MaxStartups).", "Find who holds unauthenticated connections open, lower LoginGraceTime, or raise MaxStartups."),
            new LogEvidenceRule(RejectCause.PerSourcePenalty, SshLogEventKind.PenaltyDrop, "sshd's PerSourcePenalties refuse {0} for now.", "Wait for the penalty to expire and stop what failed its logins; PerSourcePenaltyExemptList exempts trusted sources."),
            new NotSshServiceRule(),
            new ProbeTextRule(RejectCause.MaxStartupsThrottled),
            new ProbeTextRule(RejectCause.PerSourcePenalty),
            new UpstreamFilterRule(),
            new PossibleBanRule(),
            new PossibleFirewallBlockRule(RejectCause.FirewallReject),
            new PossibleFirewallBlockRule(RejectCause.FirewallDrop),
            new NologinActiveRule(),
            new ShellInvalidRule(),
            new AccountExpiredRule(),
            new AccountLockedRule(),
            new RootLoginRefusedRule(),
            new AuthorizedKeysPermissionsRule(),
            new KeyTypeNotAcceptedRule(),
            new PublicKeyNotAuthorizedRule(),
            new PasswordAuthDisabledRule(),
            new AlgorithmMismatchRule(),
            new TooManyAuthFailuresRule(),
            new EmptyPasswordRefusedRule(),
            new LoginGraceTimeExceededRule(),
            new LoginDelayDnsRule(),
            new HostKeyChangedRule(),
        };

        /// <summary>The rules that also read a hop's evidence (-Hop): what can ban or block on the way.</summary>
        public static IReadOnlyList<IRejectRule> HopRules { get; } = new IRejectRule[]
        {
            new Fail2BanBanRule(),
            new FirewallBlockRule(RejectCause.FirewallReject),
            new FirewallBlockRule(RejectCause.FirewallDrop),
        };

        /// <summary>The causes the evidence shows, best first; NoCauseFound when there are none. With <paramref name="includeCleared"/>, also what was checked and ruled out.</summary>
        public static IReadOnlyList<SshRejectCause> Diagnose(DiagnosisContext context, bool includeCleared = false)
        {
            var found = new List<SshRejectCause>();
            var cleared = new List<SshRejectCause>();
            Evaluate(Rules, context, found, cleared);
            foreach (var hop in context.Hops)
            {
                Evaluate(HopRules, context.ForHop(hop), found, cleared);
            }

            var ranked = CauseRanking.Rank(found
                .GroupBy(c => (c.ComputerName, c.Cause, c.IPAddress, c.Jail, c.Subject))
                .Select(g => g.OrderBy(c => c.Confidence).First()));
            if (ranked.Count == 0)
            {
                ranked.Add(new SshRejectCause(context, RejectCause.NoCauseFound, CauseConfidence.Possible, NothingFound(context), context.Quote("collector", $"{context.Evidence.Bundle.Records.Count} sections read")));
            }

            if (includeCleared)
            {
                ranked.AddRange(cleared.Where(c => !ranked.Any(r => r.Cause == c.Cause && r.ComputerName == c.ComputerName)).GroupBy(c => (c.ComputerName, c.Cause)).Select(g => g.First()));
            }

            return ranked;
        }

        private static void Evaluate(IEnumerable<IRejectRule> rules, DiagnosisContext context, List<SshRejectCause> found, List<SshRejectCause> cleared)
        {
            foreach (var rule in rules)
            {
                var causes = rule.Evaluate(context).ToList();
                found.AddRange(causes);
                if (causes.Count == 0 && rule.Checked(context) is string check)
                {
                    cleared.Add(new SshRejectCause(context, rule.Cause, CauseConfidence.Cleared, "Ruled out: " + check));
                }
            }
        }

        private static string NothingFound(DiagnosisContext context) =>
            context.Window == null
                ? "Nothing in the server's evidence explains a refusal. No probe ran (a saved bundle, or -Local): probe from the failing client with Test-SshPort, or run Find-SshRejectCause with -ComputerName or -FromHost."
                : $"Nothing in the server's evidence explains the symptom ({context.Probe?.Status}) seen from {context.Window.Origin}.";
    }
}
