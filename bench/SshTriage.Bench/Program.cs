using System;
using System.Diagnostics;
using System.Linq;
using SshTriage;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Fail2Ban;
using SshTriage.Net;

// bench fail2ban <bundle-file> <prefix>: read a bundle holding many bans as -EvidencePath does,
// build every Fail2BanBan (with its enforcement check) and keep those inside <prefix>.
// bench firewall <bundle-file> <source>: read a bundle's firewalls and walk one connection.
// Each prints one line of figures per run; runs are repeated so that the first, cold run and
// warm ones are shown. The peak working set is the process's so far: after run 1 it is what
// one run in a fresh process takes, the figure to set beside the peer's peak RSS (both are the
// kernel's high-water mark of resident memory, runtime included).
// The program runs with the runtime's defaults — workstation GC, concurrent, tiered compilation
// — which are pwsh's own (its runtimeconfig sets no GC option): the memory a user of the
// cmdlets gets, not a setting the module cannot choose.
if (args.Length != 3 || (args[0] != "fail2ban" && args[0] != "firewall"))
{
    Console.Error.WriteLine("usage: SshTriage.Bench fail2ban <bundle-file> <prefix> | firewall <bundle-file> <source>");
    return 2;
}

if (args[0] == "firewall")
{
    var source = System.Net.IPAddress.Parse(args[2]);
    for (var run = 1; run <= 3; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        var evidence = new ServerEvidence("bench", EvidenceBundle.Load(args[1]));
        var verdict = SshTriage.Firewall.FirewallReader.ReadVerdict(evidence, new SshTriage.Firewall.PacketQuery(source, 22, "tcp", null)).OfType<FirewallVerdict>().Single();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"run {run}: parsed and walked in {stopwatch.Elapsed.TotalMilliseconds:F0} ms: {verdict.Verdict} {verdict.RejectWith} ({verdict.ExpectedSymptom}); peak working set so far {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
    }

    return 0;
}

var prefix = IPPrefix.Parse(args[2]);
for (var run = 1; run <= 3; run++)
{
    var stopwatch = Stopwatch.StartNew();
    var evidence = new ServerEvidence("bench", EvidenceBundle.Load(args[1]));
    var all = new Fail2BanReader(null).ReadBans(evidence).OfType<Fail2BanBan>().ToList();
    var parsed = stopwatch.Elapsed;
    var inside = all.Count(b => prefix.Contains(b.IPAddress));
    var total = stopwatch.Elapsed;
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"run {run}: {all.Count} bans parsed with enforcement in {parsed.TotalMilliseconds:F0} ms, {inside} inside {prefix} after {total.TotalMilliseconds:F0} ms; peak working set so far {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
}

return 0;
