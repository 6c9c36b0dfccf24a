using System;
using System.Linq;
using System.Net;
using SshTriage.Diagnosis;

namespace SshTriage
{
    /// <summary>One cause of a rejected SSH connection, with the evidence that shows it and what fixes it.</summary>
    public sealed class SshRejectCause
    {
        internal SshRejectCause(string computerName, int port, RejectCause cause, CauseConfidence confidence, string summary)
        {
            ComputerName = computerName;
            Port = port;
            Cause = cause;
            Confidence = confidence;
            Summary = summary;
        }

        /// <summary>A cause found in <paramref name="context"/>: its server, port, addresses and symptom filled in; evidence that is null (a proof that was not found) is left out.</summary>
        internal SshRejectCause(DiagnosisContext context, RejectCause cause, CauseConfidence confidence, string summary, params CauseEvidence?[] evidence)
            : this(context.ComputerName, context.Port, cause, confidence, summary)
        {
            ClientAddress = context.ClientAddress;
            VisibleAddress = context.VisibleAddress;
            Symptom = context.Probe?.Status;
            Evidence = evidence.OfType<CauseEvidence>().ToArray();
        }

        /// <summary>A cause that is about <paramref name="ban"/>: its jail and address, so the result pipes into Unblock-Fail2BanIp.</summary>
        internal SshRejectCause(DiagnosisContext context, Fail2BanBan ban, RejectCause cause, CauseConfidence confidence, string summary, params CauseEvidence?[] evidence)
            : this(context, cause, confidence, summary, evidence)
        {
            Jail = ban.Jail;
            IPAddress = ban.IPAddress;
        }

        // The ranking's copy: everything of the original, but for what the initializer changes.
        private SshRejectCause(SshRejectCause original)
            : this(original.ComputerName, original.Port, original.Cause, original.Confidence, original.Summary)
        {
            ClientAddress = original.ClientAddress;
            VisibleAddress = original.VisibleAddress;
            Symptom = original.Symptom;
            ExplainedBy = original.ExplainedBy;
            Evidence = original.Evidence;
            Remedy = original.Remedy;
            RemedyCommand = original.RemedyCommand;
            Jail = original.Jail;
            IPAddress = original.IPAddress;
            Subject = original.Subject;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The SSH port diagnosed.</summary>
        public int Port { get; }

        /// <summary>The failing client's own address, when known.</summary>
        public IPAddress? ClientAddress { get; internal init; }

        /// <summary>The address the server sees for the client (a gateway's, NAT's or proxy's when one is in between).</summary>
        public IPAddress? VisibleAddress { get; internal init; }

        /// <summary>What the client saw (a Test-SshPort status), when it was probed.</summary>
        public SshPortStatus? Symptom { get; internal init; }

        /// <summary>The cause.</summary>
        public RejectCause Cause { get; }

        /// <summary>How sure the diagnosis is.</summary>
        public CauseConfidence Confidence { get; }

        /// <summary>The cause in one sentence (and, when another result explains it, which).</summary>
        public string Summary { get; private init; }

        /// <summary>The cause of another result that explains this one (an invalid configuration explains "sshd is not running"); it is ranked before this one.</summary>
        public RejectCause? ExplainedBy { get; private init; }

        /// <summary>The lines of the server's output that show it.</summary>
        public CauseEvidence[] Evidence { get; internal init; } = Array.Empty<CauseEvidence>();

        /// <summary>What fixes it, in words.</summary>
        public string? Remedy { get; internal init; }

        /// <summary>What fixes it, as a command.</summary>
        public string? RemedyCommand { get; internal init; }

        /// <summary>For Fail2Ban causes: the jail, so the result pipes into Unblock-Fail2BanIp.</summary>
        public string? Jail { get; internal init; }

        /// <summary>For Fail2Ban causes: the banned address, so the result pipes into Unblock-Fail2BanIp.</summary>
        public IPAddress? IPAddress { get; internal init; }

        // What the cause is about when one cause can have several results (a firewall rule):
        // results about different subjects are kept apart when the ranking merges duplicates.
        internal string? Subject { get; init; }

        /// <summary>This result explained by another cause: it names that cause, and its summary says why.</summary>
        internal SshRejectCause ExplainedAs(RejectCause by, string why) =>
            new SshRejectCause(this) { ExplainedBy = by, Summary = $"{Summary} Explained by {by}: {why}." };
    }
}
