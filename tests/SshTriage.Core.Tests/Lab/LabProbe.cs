using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SshTriage.Tests.Lab
{
    /// <summary>One SshPortResult as the probe runner printed it from inside the lab.</summary>
    internal sealed record ProbedResult(
        string ComputerName,
        string? RemoteAddress,
        int Port,
        SshPortStatus Status,
        string? Banner,
        string? SoftwareVersion,
        string? PreBannerText,
        string? LocalAddress,
        double? ConnectTimeMs,
        string? SocketError);

    /// <summary>Runs Test-SshPort's Core from a lab host through the SshTriage.Lab.Probe program.</summary>
    internal static class LabProbe
    {
        public static IReadOnlyList<ProbedResult> From(LabInstance lab, string role, int port, double timeoutSec, params string[] targets)
        {
            var runner = Path.Combine(AppContext.BaseDirectory, "SshTriage.Lab.Probe.dll");
            var command = new List<string> { "dotnet", runner, "--port", port.ToString(), "--timeout", timeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            command.AddRange(targets);
            var outcome = lab.Exec(role, TimeSpan.FromSeconds(timeoutSec * 3 + 30), command.ToArray());
            if (outcome.ExitCode != 0)
            {
                throw new InvalidOperationException($"the probe runner failed in the lab ({outcome.ExitCode}):\n{outcome.StandardError}");
            }

            var options = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
            return outcome.StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.Contains("\"Status\"", StringComparison.Ordinal))
                .Select(line => JsonSerializer.Deserialize<ProbedResult>(line, options)!)
                .ToList();
        }
    }
}
