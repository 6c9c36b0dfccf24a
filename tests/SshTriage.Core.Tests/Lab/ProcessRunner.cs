using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SshTriage.Tests.Lab
{
    /// <summary>What a finished process left behind.</summary>
    internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a program with an argument list (no shell) and a time limit.</summary>
    internal static class ProcessRunner
    {
        public static ProcessOutcome Run(string fileName, TimeSpan timeout, params string[] arguments) =>
            RunWithInput(null, string.Empty, fileName, timeout, arguments);

        /// <summary>Runs in <paramref name="workingDirectory"/> (null: this one) with <paramref name="input"/> on standard input.</summary>
        public static ProcessOutcome RunWithInput(string? workingDirectory, string input, string fileName, TimeSpan timeout, params string[] arguments)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? string.Empty,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The program exited without reading all of its input.
            }

            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(" ", arguments)} did not finish within {timeout.TotalSeconds} s");
            }

            Task.WaitAll(stdout, stderr);
            return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
