using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SshTriage.Tests.Lab;

namespace SshTriage.Tests
{
    /// <summary>
    /// Runs PowerShell (the repository's pinned dotnet tool) with the built module, for what only
    /// PowerShell decides: how a cmdlet resolves -Path and -LiteralPath. A script reports each case
    /// with Case "label" { ... }: the objects it wrote and the ids of its errors.
    /// </summary>
    internal static class PwshScript
    {
        private static readonly Lazy<string?> Reason = new Lazy<string?>(FindReason);

        /// <summary>Null when PowerShell can run here; otherwise why not.</summary>
        public static string? SkipReason => Reason.Value;

        private const string Prelude = @"
param([string] $Bin, [string] $Folder)
$ErrorActionPreference = 'Continue'
Import-Module (Join-Path $Bin 'SshTriage.dll')
Set-Location -LiteralPath $Folder
function Case([string] $Label, [scriptblock] $Body) {
    $all = @(try { & $Body 2>&1 } catch { $_ })
    $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    $objects = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
    [pscustomobject]@{
        Case = $Label
        Objects = $objects.Count
        Values = @($objects | ForEach-Object { ""$_"" })
        Errors = @($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        Messages = @($errors | ForEach-Object { $_.Exception.Message })
    } | ConvertTo-Json -Compress
}
";

        /// <summary>Runs <paramref name="script"/> in <paramref name="folder"/>; returns each case by its label.</summary>
        public static IReadOnlyDictionary<string, PwshCase> Run(string folder, string script)
        {
            var file = Path.Combine(folder, "cases.ps1");
            File.WriteAllText(file, Prelude + script);
            var outcome = ProcessRunner.RunWithInput(RepositoryPaths.Root, string.Empty, "dotnet", TimeSpan.FromMinutes(3), "pwsh", "-NoProfile", "-NonInteractive", "-File", file, "-Bin", AppContext.BaseDirectory, "-Folder", folder);
            var cases = outcome.StandardOutput.Split('\n').Where(l => l.StartsWith("{", StringComparison.Ordinal))
                .Select(l => JsonSerializer.Deserialize<PwshCase>(l)!)
                .ToDictionary(c => c.Case);
            if (cases.Count == 0)
            {
                throw new InvalidOperationException($"PowerShell reported no case (exit {outcome.ExitCode}): {outcome.StandardError}{outcome.StandardOutput}");
            }

            return cases;
        }

        // The pinned tool is restored into the NuGet cache; without it there is no PowerShell to run.
        private static string? FindReason()
        {
            var manifest = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine(".config", "dotnet-tools.json")));
            var version = manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString();
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Directory.Exists(Path.Combine(packages, "powershell", version!))
                ? null
                : $"PowerShell {version} is not restored: run 'dotnet tool restore' in the repository to include these tests.";
        }
    }

    /// <summary>What one case of a <see cref="PwshScript"/> wrote: how many objects, each as text, and its errors.</summary>
    internal sealed record PwshCase(string Case, int Objects, string[] Values, string[] Errors, string[] Messages);

    /// <summary>A fact that runs only where the pinned PowerShell is restored.</summary>
    internal sealed class PwshFactAttribute : Xunit.FactAttribute
    {
        public PwshFactAttribute() => Skip = PwshScript.SkipReason;
    }
}
