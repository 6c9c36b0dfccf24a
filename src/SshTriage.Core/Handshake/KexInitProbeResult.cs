using System;

namespace SshTriage.Handshake
{
    /// <summary>What one connection showed of a server up to its key exchange offer.</summary>
    public sealed class KexInitProbeResult
    {
        /// <summary>Creates the result of one probe.</summary>
        public KexInitProbeResult(SshPortResult port, SshKexInit? serverKexInit, string? problem, TimeSpan? kexInitTime)
        {
            Port = port;
            ServerKexInit = serverKexInit;
            Problem = problem;
            KexInitTime = kexInitTime;
        }

        /// <summary>The TCP connect and the identification line, as Test-SshPort reports them.</summary>
        public SshPortResult Port { get; }

        /// <summary>The server's algorithm offer; null when the connection ended before it.</summary>
        public SshKexInit? ServerKexInit { get; }

        /// <summary>Why there is no offer although the server identified itself.</summary>
        public string? Problem { get; }

        /// <summary>From the identification line to the server's KEXINIT.</summary>
        public TimeSpan? KexInitTime { get; }
    }
}
