using System;
using System.Collections.Generic;
using System.IO;

namespace SshTriage.Tests.Lab
{
    /// <summary>
    /// One running lab scenario (tests/lab/lab.sh up), torn down on Dispose even when the test
    /// failed. Settings are the KEY=value lines the scenario printed.
    /// </summary>
    internal sealed class LabInstance : IDisposable
    {
        private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(60);
        private readonly string stateDir;

        private LabInstance(string scenario, string stateDir, IReadOnlyDictionary<string, string> settings)
        {
            Scenario = scenario;
            this.stateDir = stateDir;
            Settings = settings;
        }

        public string Scenario { get; }

        public IReadOnlyDictionary<string, string> Settings { get; }

        public string this[string key] => Settings.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException($"lab scenario '{Scenario}' did not set {key}");

        private static string LabScript => RepositoryPaths.Combine("tests", "lab", "lab.sh");

        /// <summary>
        /// Brings <paramref name="scenario"/> up; with <paramref name="fromHost"/> the client runs an
        /// sshd too (LAB_FROMHOST=1), for -FromHost; with <paramref name="journal"/> the server logs
        /// only to a journal (LAB_JOURNAL=1: no auth.log, journal files journalctl reads).
        /// </summary>
        public static LabInstance Up(string scenario, bool fromHost = false, bool journal = false)
        {
            var stateDir = Path.Combine(Path.GetTempPath(), "sshtriage-lab-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            var outcome = ProcessRunner.Run(
                "env",
                UpTimeout,
                "LAB_FROMHOST=" + (fromHost ? "1" : "0"),
                "LAB_JOURNAL=" + (journal ? "1" : "0"),
                "bash",
                LabScript,
                "up",
                scenario,
                stateDir);
            if (outcome.ExitCode != 0)
            {
                ProcessRunner.Run("bash", UpTimeout, LabScript, "down", stateDir);
                throw new InvalidOperationException($"lab scenario '{scenario}' did not come up:\n{outcome.StandardError}");
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in outcome.StandardOutput.Split('\n'))
            {
                var equals = line.IndexOf('=');
                if (equals > 0)
                {
                    settings[line.Substring(0, equals)] = line.Substring(equals + 1).Trim();
                }
            }

            return new LabInstance(scenario, stateDir, settings);
        }

        /// <summary>Runs a program inside a lab host (client, server, ...).</summary>
        public ProcessOutcome Exec(string role, TimeSpan timeout, params string[] command)
        {
            var arguments = new List<string> { LabScript, "exec", stateDir, role, "--" };
            arguments.AddRange(command);
            return ProcessRunner.Run("bash", timeout, arguments.ToArray());
        }

        public void Dispose()
        {
            var outcome = ProcessRunner.Run("bash", UpTimeout, LabScript, "down", stateDir);
            if (outcome.ExitCode != 0)
            {
                throw new InvalidOperationException($"lab teardown of '{Scenario}' failed:\n{outcome.StandardError}");
            }
        }
    }
}
