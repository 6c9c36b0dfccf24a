using System;

namespace SshTriage.Handshake
{
    /// <summary>What one connection showed of a server up to its key exchange offer.</summary>
    /// <param name="Port">The TCP connect and the identification line, as Test-SshPort reports them.</param>
    /// <param name="ServerKexInit">The server's algorithm offer; null when the connection ended before it.</param>
    /// <param name="Problem">Why there is no offer although the server identified itself.</param>
    /// <param name="KexInitTime">From the identification line to the server's KEXINIT.</param>
    /// <param name="BannerTime">From the TCP connection to the server's identification line; null when there was none.</param>
    public sealed record KexInitProbeResult(SshPortResult Port, SshKexInit? ServerKexInit, string? Problem, TimeSpan? KexInitTime, TimeSpan? BannerTime = null);
}
