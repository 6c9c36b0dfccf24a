using System;
using System.Net;

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

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>The SSH port diagnosed.</summary>
        public int Port { get; }

        /// <summary>The failing client's own address, when known.</summary>
        public IPAddress? ClientAddress { get; internal set; }

        /// <summary>The address the server sees for the client (a gateway's, NAT's or proxy's when one is in between).</summary>
        public IPAddress? VisibleAddress { get; internal set; }

        /// <summary>What the client saw (a Test-SshPort status), when it was probed.</summary>
        public SshPortStatus? Symptom { get; internal set; }

        /// <summary>The cause.</summary>
        public RejectCause Cause { get; }

        /// <summary>How sure the diagnosis is.</summary>
        public CauseConfidence Confidence { get; }

        /// <summary>The cause in one sentence (and, when another result explains it, which).</summary>
        public string Summary { get; internal set; }

        /// <summary>The cause of another result that explains this one (an invalid configuration explains "sshd is not running"); it is ranked before this one.</summary>
        public RejectCause? ExplainedBy { get; internal set; }

        /// <summary>The lines of the server's output that show it.</summary>
        public CauseEvidence[] Evidence { get; internal set; } = Array.Empty<CauseEvidence>();

        /// <summary>What fixes it, in words.</summary>
        public string? Remedy { get; internal set; }

        /// <summary>What fixes it, as a command.</summary>
        public string? RemedyCommand { get; internal set; }

        /// <summary>For Fail2Ban causes: the jail, so the result pipes into Unblock-Fail2BanIp.</summary>
        public string? Jail { get; internal set; }

        /// <summary>For Fail2Ban causes: the banned address, so the result pipes into Unblock-Fail2BanIp.</summary>
        public string? IPAddress { get; internal set; }

        // What the cause is about when one cause can have several results (a firewall rule):
        // results about different subjects are kept apart when the ranking merges duplicates.
        internal string? Subject { get; set; }
    }
}
