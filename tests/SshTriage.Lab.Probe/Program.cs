using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using SshTriage;
using SshTriage.Operations;
using SshTriage.Probing;

// Runs Test-SshPort's Core as a client would: from inside a lab namespace, where the test
// process itself cannot be. Prints one JSON object per result or error, then a summary line.
var port = 22;
var timeoutSec = 5.0;
var throttle = SshPortScanOptions.DefaultThrottleLimit;
var targets = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--timeout": timeoutSec = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--throttle": throttle = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--targets-file": targets.AddRange(System.IO.File.ReadAllLines(args[++i])); break;
        default: targets.Add(args[i]); break;
    }
}

var sink = new JsonLineSink();
var stopwatch = Stopwatch.StartNew();
var scan = new SshPortScan(new SshPortScanOptions(TimeSpan.FromSeconds(timeoutSec), throttle), new DnsHostResolver(), CancellationToken.None);
foreach (var target in targets)
{
    scan.Add(target, port, sink);
}

scan.WriteRemaining(sink);
using var self = Process.GetCurrentProcess();
Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["summary"] = true,
    ["results"] = sink.Results,
    ["errors"] = sink.Errors,
    ["elapsedMs"] = stopwatch.Elapsed.TotalMilliseconds,
    ["peakWorkingSetBytes"] = self.PeakWorkingSet64,
}));

/// <summary>Writes results and errors as JSON lines on stdout.</summary>
internal sealed class JsonLineSink : IOperationSink
{
    public int Results { get; private set; }

    public int Errors { get; private set; }

    public void WriteObject(object item)
    {
        var r = (SshPortResult)item;
        Results++;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ComputerName"] = r.ComputerName,
            ["RemoteAddress"] = r.RemoteAddress?.ToString(),
            ["Port"] = r.Port,
            ["Status"] = r.Status.ToString(),
            ["Banner"] = r.Banner,
            ["ProtocolVersion"] = r.ProtocolVersion,
            ["SoftwareVersion"] = r.SoftwareVersion,
            ["Comments"] = r.Comments,
            ["PreBannerText"] = r.PreBannerText,
            ["LocalAddress"] = r.LocalAddress?.ToString(),
            ["ConnectTimeMs"] = r.ConnectTime?.TotalMilliseconds,
            ["SocketError"] = r.SocketError?.ToString(),
        }));
    }

    public void WriteError(TriageError error)
    {
        Errors++;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ErrorId"] = error.ErrorId,
            ["Message"] = error.Exception.Message,
            ["Target"] = error.TargetObject?.ToString(),
        }));
    }

    public void WriteProgress(ProgressInfo progress)
    {
    }

    public void WriteVerbose(string message)
    {
    }

    public void WriteWarning(string message) => Console.Error.WriteLine(message);

    public bool ShouldProcess(string target, string action) => false;
}
