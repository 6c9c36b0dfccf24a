using System;
using System.Collections.Generic;
using System.Net;
using SshTriage.Probing;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// The answer when the server cannot be read at all (no management path): what the probes
    /// alone say — the symptom and sshd's words before it closed — with the confidence that
    /// allows, and what access would confirm it.
    /// </summary>
    public static class ClientSideDiagnosis
    {
        /// <summary>The causes the probes in <paramref name="window"/> point to, for a server whose evidence could not be read.</summary>
        public static IReadOnlyList<SshRejectCause> Diagnose(string computerName, int port, IPAddress? clientAddress, ProbeWindow window)
        {
            var probe = window.Symptom;
            var causes = new List<SshRejectCause>();
            if (probe == null)
            {
                return causes;
            }

            var text = probe.PreBannerText ?? string.Empty;
            var seen = new CauseEvidence("client", $"Test-SshPort {computerName} -Port {port} (from {window.Origin})", $"{probe.Status}{(text.Length == 0 ? string.Empty : " " + text)}");
            void Add(RejectCause cause, CauseConfidence confidence, string summary, string remedy)
            {
                causes.Add(new SshRejectCause(computerName, port, cause, confidence, summary)
                {
                    ClientAddress = clientAddress,
                    VisibleAddress = clientAddress,
                    Symptom = probe.Status,
                    Evidence = new[] { seen },
                    Remedy = remedy + " " + Access,
                    // A ban's address, so it pipes into Unblock-Fail2BanIp (every jail: which one is unknown here).
                    IPAddress = cause == RejectCause.Fail2BanBan ? clientAddress : null,
                });
            }

            switch (probe.Status)
            {
                case SshPortStatus.Refused:
                    Add(RejectCause.SshdNotRunning, CauseConfidence.Possible, "Nothing accepts connections on the port: sshd is stopped or listens elsewhere.", "Start sshd, or check its Port and ListenAddress.");
                    Add(RejectCause.FirewallReject, CauseConfidence.Possible, "A firewall rule may reject the connection with a TCP reset or port-unreachable, which looks the same from here.", "Look for a REJECT rule on the port.");
                    Add(RejectCause.Fail2BanBan, CauseConfidence.Possible, "A Fail2Ban ban of this address (or of a gateway it comes through) rejects like this too.", "Look for a ban of the client's or its gateway's address.");
                    break;
                case SshPortStatus.TimedOut:
                    Add(RejectCause.FirewallDrop, CauseConfidence.Possible, "Nothing answered: a firewall on the server may drop the connection.", "Look for a DROP rule or policy on the port.");
                    Add(RejectCause.UpstreamFilter, CauseConfidence.Possible, "Nothing answered: a filter on the way (security group, router ACL, gateway) may drop it before the server.", "Check the filters on the path.");
                    break;
                case SshPortStatus.HostUnreachable:
                case SshPortStatus.NetworkUnreachable:
                    Add(RejectCause.FirewallReject, CauseConfidence.Likely, "An ICMP error (admin-prohibited or no route) answered: a firewall on the server or on the way rejects with it.", "Look for a REJECT with icmp-host-prohibited or admin-prohibited.");
                    break;
                case SshPortStatus.NotSsh:
                    Add(RejectCause.NotSshService, CauseConfidence.Confirmed, "Something that is not sshd answers on the port.", "Find the program that holds the port.");
                    break;
                case SshPortStatus.ClosedBeforeBanner when text.IndexOf("MaxStartups", StringComparison.OrdinalIgnoreCase) >= 0:
                    Add(RejectCause.MaxStartupsThrottled, CauseConfidence.Confirmed, "sshd said it has too many unauthenticated connections (MaxStartups).", "Find who holds unauthenticated connections open, lower LoginGraceTime, or raise MaxStartups.");
                    break;
                case SshPortStatus.ClosedBeforeBanner when text.IndexOf("Not allowed at this time", StringComparison.Ordinal) >= 0:
                    Add(RejectCause.PerSourcePenalty, CauseConfidence.Likely, "sshd refuses this source for now (PerSourcePenalties or RefuseConnection).", "Wait for the penalty to expire; PerSourcePenaltyExemptList exempts trusted sources.");
                    break;
                case SshPortStatus.ClosedBeforeBanner:
                    Add(RejectCause.MaxStartupsThrottled, CauseConfidence.Possible, "The server closed the connection before its banner, without a reason.", "Look at sshd's log for the reason.");
                    Add(RejectCause.TcpWrappersDenied, CauseConfidence.Possible, "TCP wrappers close refused connections before the banner too (after about five seconds).", "Look at /etc/hosts.deny.");
                    break;
                default:
                    causes.Add(new SshRejectCause(computerName, port, RejectCause.NoCauseFound, CauseConfidence.Possible, $"The port answers ({probe.Status}): the refusal comes later, after the banner (users, keys, Match blocks), which only the server can show.")
                    {
                        ClientAddress = clientAddress,
                        Symptom = probe.Status,
                        Evidence = new[] { seen },
                        Remedy = Access,
                    });
                    break;
            }

            return causes;
        }

        private const string Access = "The server could not be read, so this rests on what the client saw: read the server over a path that still works (-SshPort, -JumpHost), at its console (Export-SshTriageCollector, then -EvidencePath), or with -Local there, to confirm it.";
    }
}
