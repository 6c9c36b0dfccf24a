using System.Threading;
using System.Threading.Tasks;

namespace SshTriage.Probing
{
    /// <summary>Where a diagnosis probes the server from: this machine, or another host over ssh (-FromHost).</summary>
    public interface IProbeOrigin
    {
        /// <summary>Makes <see cref="ProbeWindow.ProbeCount"/> connections to <paramref name="computerName"/>:<paramref name="port"/>, as a client there would.</summary>
        Task<ProbeWindow> ProbeAsync(string computerName, int port, CancellationToken cancellationToken);
    }
}
