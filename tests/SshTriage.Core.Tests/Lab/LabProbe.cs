using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SshTriage.Tests.Lab
{
    /// <summary>One SshPortResult as the lab runner printed it.</summary>
    internal sealed record ProbedResult(
        string ComputerName,
        string? RemoteAddress,
        int Port,
        SshPortStatus Status,
        string? Banner,
        string? SoftwareVersion,
        string? PreBannerText,
        string? LocalAddress,
        TimeSpan? ConnectTime,
        string? SocketError);

    /// <summary>Runs Test-SshPort's Core from a lab host.</summary>
    internal static class LabProbe
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };

        public static IReadOnlyList<ProbedResult> From(LabInstance lab, string role, int port, double timeoutSec, params string[] targets)
        {
            var arguments = new List<string> { "probe", "--port", port.ToString(CultureInfo.InvariantCulture), "--timeout", timeoutSec.ToString(CultureInfo.InvariantCulture) };
            arguments.AddRange(targets);
            var output = LabRunner.Run(lab, role, TimeSpan.FromSeconds((timeoutSec * 3) + 30), arguments.ToArray());
            return output.Read<ProbedResult>(typeof(SshPortResult).FullName!, Options).ToList();
        }
    }
}
