using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SshTriage.Tests.Lab
{
    /// <summary>What the lab runner printed: output objects by type, and errors.</summary>
    internal sealed class LabRunOutput
    {
        public LabRunOutput(IReadOnlyList<(string Type, JsonElement Object)> objects, IReadOnlyList<JsonElement> errors)
        {
            Objects = objects;
            Errors = errors;
        }

        public IReadOnlyList<(string Type, JsonElement Object)> Objects { get; }

        public IReadOnlyList<JsonElement> Errors { get; }

        public IEnumerable<string> ErrorIds => Errors.Select(e => e.GetProperty("ErrorId").GetString()!);

        /// <summary>The objects of one SshTriage output type, read into <typeparamref name="T"/>.</summary>
        public IEnumerable<T> Read<T>(string outputType, JsonSerializerOptions options) =>
            Objects.Where(o => o.Type == outputType).Select(o => o.Object.Deserialize<T>(options)!);

        public string Describe() => string.Join("\n", Errors.Select(e => e.ToString()).Concat(Objects.Select(o => o.Object.ToString())));
    }

    /// <summary>Runs SshTriage.Lab.Runner (Core operations) inside a lab host and reads its JSON lines.</summary>
    internal static class LabRunner
    {
        public static LabRunOutput Run(LabInstance lab, string role, TimeSpan timeout, params string[] arguments) =>
            Run(lab, role, timeout, Array.Empty<string>(), arguments);

        /// <summary>Runs the runner under <c>env</c> with <paramref name="environment"/> (NAME=value) set.</summary>
        public static LabRunOutput Run(LabInstance lab, string role, TimeSpan timeout, string[] environment, params string[] arguments) =>
            Run(lab, role, timeout, environment, null, arguments);

        /// <summary>The same, started through <paramref name="wrapper"/> (a program that runs its arguments), when given.</summary>
        public static LabRunOutput Run(LabInstance lab, string role, TimeSpan timeout, string[] environment, string? wrapper, params string[] arguments)
        {
            var runner = Path.Combine(AppContext.BaseDirectory, "SshTriage.Lab.Runner.dll");
            // The dotnet host by full path, so that a test may take ssh off PATH.
            var dotnet = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
            var command = new List<string>();
            if (wrapper != null)
            {
                command.Add(wrapper);
            }

            command.Add("env");
            command.AddRange(environment);
            command.Add(dotnet);
            command.Add(runner);
            command.AddRange(arguments);
            var outcome = lab.Exec(role, timeout, command.ToArray());
            if (outcome.ExitCode != 0)
            {
                throw new InvalidOperationException($"the lab runner failed ({outcome.ExitCode}):\n{outcome.StandardError}\n{outcome.StandardOutput}");
            }

            var objects = new List<(string, JsonElement)>();
            var errors = new List<JsonElement>();
            foreach (var line in outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var element = JsonDocument.Parse(line).RootElement.Clone();
                if (element.TryGetProperty("ErrorId", out _))
                {
                    errors.Add(element);
                }
                else if (element.TryGetProperty("Type", out var type))
                {
                    objects.Add((type.GetString()!, element.GetProperty("Object")));
                }
            }

            return new LabRunOutput(objects, errors);
        }
    }
}
