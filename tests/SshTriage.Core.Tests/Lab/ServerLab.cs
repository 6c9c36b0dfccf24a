using System;
using System.Collections.Generic;
using System.Linq;

namespace SshTriage.Tests.Lab
{
    /// <summary>Runs the server-side reports from the lab's client over the management sshd, as a user with a given key.</summary>
    internal static class ServerLab
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The runner arguments that reach the lab server over its management port as
        /// <paramref name="user"/> with <paramref name="transport"/>; without <paramref name="timeoutSec"/>,
        /// at the cmdlets' default timeout. The default here is generous: lab tests of both transports
        /// share a loaded machine, and a server read that times out there says nothing about the code.
        /// </summary>
        public static List<string> Connection(LabInstance lab, string transport, string user, string keyVariable, string knownHostsVariable = "KNOWN_HOSTS", string? timeoutSec = "30")
        {
            var arguments = new List<string>
            {
                "--transport", transport,
                "--user", user,
                "--key", lab[keyVariable],
                "--ssh-port", lab["MGMT_PORT"],
                "--option", "UserKnownHostsFile=" + lab[knownHostsVariable],
                "--option", "GlobalKnownHostsFile=/dev/null",
            };
            if (timeoutSec != null)
            {
                arguments.AddRange(new[] { "--timeout", timeoutSec });
            }

            return arguments;
        }

        /// <summary>Runs one report as root against the lab server's IPv4 address.</summary>
        public static LabRunOutput AsRoot(LabInstance lab, string transport, string report, params string[] extra) =>
            Run(lab, report, Connection(lab, transport, "root", "CLIENT_KEY"), extra);

        /// <summary>Runs one report with the given connection arguments.</summary>
        public static LabRunOutput Run(LabInstance lab, string report, IEnumerable<string> connection, params string[] extra) =>
            RunWithEnvironment(lab, report, connection, Array.Empty<string>(), extra);

        /// <summary>Runs one report with the given connection arguments and NAME=value settings (passwords the runner reads).</summary>
        public static LabRunOutput RunWithEnvironment(LabInstance lab, string report, IEnumerable<string> connection, string[] environment, params string[] extra)
        {
            var arguments = new List<string> { "server", report };
            arguments.AddRange(connection);
            arguments.AddRange(extra);
            arguments.Add(lab["SERVER_ADDR"]);
            return LabRunner.Run(lab, "client", Timeout, environment, arguments.ToArray());
        }

        /// <summary>The management sshd's ED25519 host key file (private; ".pub" beside it).</summary>
        public static string ManagementHostKey(LabInstance lab) =>
            System.IO.File.ReadAllLines(lab["SSHD_MGMT_CONFIG"]).Select(l => l.Split(' ')).First(f => f[0] == "HostKey" && f[1].EndsWith("ed25519_key", StringComparison.Ordinal))[1];

        /// <summary>The string values of a JSON array property.</summary>
        public static string[] Strings(System.Text.Json.JsonElement element, string property) =>
            element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
