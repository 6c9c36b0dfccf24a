namespace SshTriage
{
    /// <summary>One listening TCP socket on a server, as ss and systemd report it.</summary>
    public sealed class SshListener
    {
        internal SshListener(string computerName, string address, int port, string? process, int? processId, bool socketActivated, string? unit)
        {
            ComputerName = computerName;
            Address = address;
            Port = port;
            Process = process;
            ProcessId = processId;
            SocketActivated = socketActivated;
            Unit = unit;
        }

        /// <summary>The server the evidence came from.</summary>
        public string ComputerName { get; }

        /// <summary>The local address as ss prints it: 0.0.0.0, ::, * (every address of both families), or one address.</summary>
        public string Address { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>The program that owns the socket (sshd, systemd, ...); empty when it could not be seen (needs root).</summary>
        public string? Process { get; }

        /// <summary>The owning process id.</summary>
        public int? ProcessId { get; }

        /// <summary>True when systemd owns the socket and starts sshd per connection (ssh.socket): then sshd_config's Port and ListenAddress do not decide where it listens.</summary>
        public bool SocketActivated { get; }

        /// <summary>The systemd socket unit that holds the port, when there is one.</summary>
        public string? Unit { get; }
    }
}
