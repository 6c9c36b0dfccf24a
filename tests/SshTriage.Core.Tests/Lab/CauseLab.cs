using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// Find-SshRejectCause's Core run in the lab the three ways a user runs it: from the client
    /// over the management sshd (-ComputerName), from the server probing through the client's
    /// sshd (-FromHost), and on the server itself (-Local).
    /// </summary>
    internal static class CauseLab
    {
        public const string CauseType = "SshTriage.SshRejectCause";

        /// <summary>The paths a diagnosis can take, as the lab tests name them.</summary>
        public const string ComputerNamePath = "ComputerName";

        /// <summary>Probes from the client over its sshd; the runner runs in the server (the admin's machine L).</summary>
        public const string FromHostPath = "FromHost";

        /// <summary>On the server itself, without a probe.</summary>
        public const string LocalPath = "Local";

        /// <summary>Runs the diagnosis along <paramref name="path"/> (over OpenSSH); -ComputerName and -Local name the client's address.</summary>
        public static LabRunOutput Run(LabInstance lab, string path, params string[] extra) => path switch
        {
            ComputerNamePath => FromClient(lab, LabTransport.OpenSsh, null, extra),
            FromHostPath => FromHost(lab, LabTransport.OpenSsh, null, "10", extra),
            LocalPath => Local(lab, extra),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, "ComputerName, FromHost or Local"),
        };

        /// <summary>From the client, over the management sshd with <paramref name="transport"/>; counting the ssh processes when asked.</summary>
        public static LabRunOutput FromClient(LabInstance lab, string transport, SshCounter? counter, params string[] extra)
        {
            var arguments = new List<string> { "server", "cause", "--client", lab["CLIENT_ADDR"], "--port", lab["PORT"] };
            arguments.AddRange(extra);
            arguments.AddRange(ServerLab.Connection(lab, transport, "root", "CLIENT_KEY"));
            arguments.Add(lab["SERVER_ADDR"]);
            return LabRunner.Run(lab, "client", ServerLab.Timeout, counter?.Environment ?? Array.Empty<string>(), arguments.ToArray());
        }

        /// <summary>
        /// From the server (the admin's machine L, which reaches R over ssh), probing from the
        /// client's sshd (-FromHost); the collector over the management sshd with
        /// <paramref name="transport"/>. Without
        /// <paramref name="timeoutSec"/>, every timeout is the cmdlet's default.
        /// </summary>
        public static LabRunOutput FromHost(LabInstance lab, string transport, SshCounter? counter, string? timeoutSec, params string[] extra)
        {
            var arguments = new List<string>
            {
                "server", "cause", "--port", lab["PORT"],
                "--from-host", lab["CLIENT_ADDR"], "--from-user", lab["FROMHOST_USER"], "--from-key", lab["FROMHOST_KEY"], "--from-known-hosts", lab["FROMHOST_KNOWN_HOSTS"],
            };
            if (lab["CLIENT_SSH_PORT"] != "22")
            {
                arguments.AddRange(new[] { "--from-ssh-port", lab["CLIENT_SSH_PORT"] });
            }

            arguments.AddRange(extra);
            arguments.AddRange(ServerLab.Connection(lab, transport, "root", "CLIENT_KEY", timeoutSec: timeoutSec));
            arguments.Add(lab["SERVER_ADDR"]);
            return LabRunner.Run(lab, "server", ServerLab.Timeout, counter?.Environment ?? Array.Empty<string>(), arguments.ToArray());
        }

        /// <summary>On the server itself (-Local), for the client's address; through the scenario's LOCAL_WRAPPER when it has one.</summary>
        public static LabRunOutput Local(LabInstance lab, params string[] extra)
        {
            var arguments = new List<string> { "server", "cause", "--local", "--client", lab["CLIENT_ADDR"], "--port", lab["PORT"] };
            arguments.AddRange(extra);
            return LabRunner.Run(lab, "server", ServerLab.Timeout, Array.Empty<string>(), lab.Settings.TryGetValue("LOCAL_WRAPPER", out var wrapper) ? wrapper : null, arguments.ToArray());
        }

        public static List<JsonElement> Causes(LabRunOutput output) => output.Objects.Where(o => o.Type == CauseType).Select(o => o.Object).ToList();

        public static string Describe(IEnumerable<JsonElement> causes) =>
            string.Join(", ", causes.Select(c => c.GetProperty("ComputerName").GetString() + ":" + c.GetProperty("Cause").GetString() + "/" + c.GetProperty("Confidence").GetString()));

        public static IEnumerable<string> Excerpts(JsonElement cause) => cause.GetProperty("Evidence").EnumerateArray().Select(e => e.GetProperty("Excerpt").GetString()!);

        public static string Text(JsonElement cause, string property) =>
            cause.GetProperty(property).ValueKind == JsonValueKind.Null ? string.Empty : cause.GetProperty(property).GetString() ?? string.Empty;
    }
}
