using System;
using System.Net;

namespace SshTriage
{
    /// <summary>One sshd log line, typed.</summary>
    public sealed class SshLogEvent
    {
        internal SshLogEvent(string computerName, DateTimeOffset? time, SshLogEventKind kind, string message, string source)
        {
            ComputerName = computerName;
            Time = time;
            Kind = kind;
            Message = message;
            Source = source;
        }

        /// <summary>The server the log came from.</summary>
        public string ComputerName { get; }

        /// <summary>When it was logged; syslog lines without a year are placed in the most recent matching year.</summary>
        public DateTimeOffset? Time { get; }

        /// <summary>What happened.</summary>
        public SshLogEventKind Kind { get; }

        /// <summary>The client address the line names, as sshd saw it (a NAT or proxy address, not always the client's own).</summary>
        public IPAddress? Address { get; internal init; }

        /// <summary>The client's source port.</summary>
        public int? Port { get; internal init; }

        /// <summary>The user name the line names.</summary>
        public string? User { get; internal init; }

        /// <summary>The authentication method, e.g. publickey or password.</summary>
        public string? Method { get; internal init; }

        /// <summary>The message after the program prefix.</summary>
        public string Message { get; }

        /// <summary>The program that logged it: sshd, sshd-session or sshd-auth.</summary>
        public string? Program { get; internal init; }

        /// <summary>The process id in the prefix.</summary>
        public int? ProcessId { get; internal init; }

        /// <summary>Where the line was read: journal, a log file path.</summary>
        public string Source { get; }
    }
}
