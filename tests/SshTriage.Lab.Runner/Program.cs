using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using SshTriage.Collection;
using SshTriage.Lab.Runner;
using SshTriage.Operations;
using SshTriage.Probing;
using SshTriage.Remote;
using SshTriage.Sshd;

// Runs Core operations as a cmdlet would, from inside a lab namespace where the test process
// cannot be. Prints one JSON object per output object or error, then a summary line.
//   collector  (prints the full collector script)
//   account-section USER [ADDR]  (prints the account section's sh command)
//   section NAME  (prints the sh command of the full collector's section NAME)
//   cause-collector --client A [--client-user U] [--port N]  (prints Find-SshRejectCause's collector without a probe, as -Local runs it)
//   probe-script TARGET PORT TIMEOUT  (prints the -FromHost probe script)
//   probe  [--port N] [--timeout S] [--throttle N] [--targets-file F] target...
//   login  --user U [--key K | --password-env VAR] [--port N] [--timeout S] [--throttle N] [--known-hosts F]
//          [--fingerprint SHA256:...]... [--host-key-algorithms A,B] target...
//   server cause [--client A] [--client-user U] [--client-key PUB] [--probe-timeout S] [--include-cleared]
//          [--from-host H --from-user U --from-key K --from-ssh-port N --from-known-hosts F]
//          [--hop H]... [--hop-user U --hop-key K --hop-ssh-port N --hop-known-hosts F] [connection...] target...
//   server <listener|sshd-config|log|jail|ban|rules|access|cause> [--local] [--evidence PATH] [--user U] [--key K]
//          [--ssh-port N] [--jump J] [--option K=V]... [--sudo] [--timeout S]
//          [--transport auto|openssh|sshnet] [--password-env VAR] [--sudo-password-env VAR] [--fingerprint SHA256:...]...
//          [--port N]... [--match-user U] [--match-host H] [--match-addr A]
//          [--ip A] [--log-user U] [--last N] [--name JAIL]... [--within PREFIX] [--source A] [--chain C]... [--protocol P] [--interface I] [--client A] [--client-user U] target...
//   server unban --address A [--jail J] [--ignore] [--force] [--approve] [connection...] target...
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: probe ... | server <report> ...");
    return 2;
}

var options = Arguments.Parse(args.Skip(1));
var sink = new JsonLineSink();
var stopwatch = Stopwatch.StartNew();
switch (args[0])
{
    case "probe":
        var scan = new SshPortScan(
            new SshPortScanOptions(TimeSpan.FromSeconds(options.Double("--timeout", SshPortScanOptions.DefaultTimeoutSec)), options.Int("--throttle", SshPortScanOptions.DefaultThrottleLimit)),
            new DnsHostResolver(),
            CancellationToken.None);
        foreach (var target in options.Positional.Concat(options.All("--targets-file").SelectMany(System.IO.File.ReadAllLines)))
        {
            scan.Add(target, options.Int("--port", 22), sink);
        }

        scan.WriteRemaining(sink);
        break;
    case "login":
        // As Test-SshLogin, with the lab's known_hosts instead of the user's, and optionally a narrowed host key offer.
        var knownHosts = options.One("--known-hosts");
        var login = new SshTriage.Login.SshLoginScan(
            new SshTriage.Login.SshLoginOptions(
                options.One("--user"),
                options.One("--key"),
                options.One("--password-env") is string passwordVariable ? new RemoteCredential(options.One("--user")!, Secret(passwordVariable)) : null,
                options.All("--fingerprint").ToList(),
                TimeSpan.FromSeconds(options.Double("--timeout", SshTriage.Login.SshLoginOptions.DefaultTimeoutSec)),
                options.Int("--throttle", SshTriage.Login.SshLoginOptions.DefaultThrottleLimit),
                knownHosts == null ? null : new List<KeyValuePair<string, string>> { new("UserKnownHostsFile", knownHosts), new("GlobalKnownHostsFile", "/dev/null") },
                options.One("--host-key-algorithms")?.Split(',')),
            new DnsHostResolver(),
            CancellationToken.None);
        foreach (var target in options.Positional)
        {
            login.Add(target, options.Int("--port", 22), sink, portIsDefault: options.One("--port") == null);
        }

        login.WriteRemaining(sink);
        break;
    case "probe-script":
        // probe-script TARGET PORT TIMEOUT: what -FromHost runs on the origin host.
        Console.Write(new SshTriage.Probing.RemoteProbeOrigin(RemoteTargetBuilder.Local(false, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture)))
            .Script(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)));
        return 0;
    case "collector":
        Console.Write(SshTriage.Evidence.CollectorScript.Build(CollectorSections.All));
        return 0;
    case "account-section":
        Console.Write(SshTriage.Accounts.AccountSections.Account(args[1], null, args.Length > 2 ? IPAddress.Parse(args[2]) : null).Command);
        return 0;
    case "section":
        Console.Write(CollectorSections.All.Single(s => s.Name == args[1]).Command);
        return 0;
    case "cause-collector":
        Console.Write(SshTriage.Evidence.CollectorScript.Build(new[] { CollectorSections.Meta }.Concat(EvidencePlans.RejectCauses(CauseSearch(options, probe: false)).Sections)));
        return 0;
    case "server":
        if (!RunServer(options, sink))
        {
            return 2;
        }

        break;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

using (var self = Process.GetCurrentProcess())
{
    sink.WriteSummary(stopwatch.Elapsed, self.PeakWorkingSet64);
}

return 0;

static bool RunServer(Arguments options, JsonLineSink sink)
{
    var report = options.Positional.FirstOrDefault();
    if (report == "unban")
    {
        return RunUnban(options, sink);
    }

    var targets = options.Positional.Skip(1).ToList();
    EvidencePlan plan;
    switch (report)
    {
        case "listener":
            plan = EvidencePlans.Listeners(options.All("--port").Select(int.Parse));
            break;
        case "sshd-config":
            var address = options.One("--match-addr");
            plan = EvidencePlans.SshdConfig(options.One("--match-user"), options.One("--match-host"), address == null ? null : IPAddress.Parse(address));
            break;
        case "log":
            var ip = options.One("--ip");
            var last = options.One("--last");
            plan = EvidencePlans.SshLog(new SshLogFilter(ip == null ? null : IPAddress.Parse(ip), options.One("--log-user"), null, last == null ? null : int.Parse(last, CultureInfo.InvariantCulture)));
            break;
        case "jail":
            plan = EvidencePlans.Fail2BanJails(options.All("--name"));
            break;
        case "ban":
            var within = options.One("--within");
            plan = EvidencePlans.Fail2BanBans(options.All("--name"), within == null ? null : SshTriage.Net.IPPrefix.Parse(within));
            break;
        case "rules":
            var source = options.One("--source");
            plan = EvidencePlans.FirewallRules(new SshTriage.Firewall.FirewallRuleFilter(
                options.One("--port") is string p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null,
                source == null ? null : SshTriage.Net.IPPrefix.Parse(source),
                null,
                options.All("--chain"),
                null));
            break;
        case "access":
            plan = EvidencePlans.FirewallAccess(new SshTriage.Firewall.PacketQuery(IPAddress.Parse(options.One("--source")!), options.Int("--port", 22), options.One("--protocol") ?? "tcp", options.One("--interface")));
            break;
        case "cause":
            plan = EvidencePlans.RejectCauses(CauseSearch(options, probe: !options.Has("--local") && targets.Count > 0));
            break;
        default:
            Console.Error.WriteLine($"unknown report {report}");
            return false;
    }

    var query = new ServerQuery("lab", plan, ServerQuery.DefaultThrottleLimit, CancellationToken.None);
    foreach (var path in options.All("--evidence"))
    {
        query.AddEvidenceFile(path, sink);
    }

    foreach (var target in Targets(options, targets, sink))
    {
        query.Add(target);
    }

    query.WriteRemaining(sink);
    return true;
}

static IEnumerable<RemoteTarget> Targets(Arguments options, IEnumerable<string> names, JsonLineSink sink)
{
    var timeout = TimeSpan.FromSeconds(options.Double("--timeout", RemoteTargetBuilder.DefaultTimeoutSec));
    var login = Login(options);
    if (options.Has("--local"))
    {
        yield return RemoteTargetBuilder.Local(options.Has("--sudo"), timeout, login.SudoPassword);
    }

    var sshOptions = options.All("--option").Select(o => o.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : string.Empty)).ToList();
    var sshPort = options.One("--ssh-port");
    foreach (var name in names)
    {
        if (RemoteTargetBuilder.TryBuild(name, options.One("--user"), options.One("--key"), sshPort == null ? null : int.Parse(sshPort, CultureInfo.InvariantCulture), options.One("--jump"), sshOptions, options.Has("--sudo"), timeout, out var target, out var problem, login))
        {
            yield return target!;
        }
        else
        {
            sink.WriteError(new TriageError("InvalidRemoteTarget", new ArgumentException(problem), TriageErrorCategory.InvalidArgument, name));
        }
    }
}

// Find-SshRejectCause's question, as the cmdlet asks it: probes only when the server is read over ssh.
static SshTriage.Diagnosis.CauseSearch CauseSearch(Arguments options, bool probe)
{
    var client = options.One("--client");
    return new SshTriage.Diagnosis.CauseSearch
    {
        Port = options.Int("--port", 22),
        ClientAddress = client == null ? null : IPAddress.Parse(client),
        ClientUser = options.One("--client-user"),
        ClientKey = options.One("--client-key") is string key ? SshTriage.Accounts.ClientPublicKey.Read(key) : null,
        Probe = probe,
        FromHost = probe && options.One("--from-host") is string from ? SideTarget(options, "--from", from) : null,
        ProbeTimeout = TimeSpan.FromSeconds(options.Double("--probe-timeout", SshTriage.Diagnosis.CauseSearch.DefaultProbeTimeoutSec)),
        Hops = options.All("--hop").Select(h => SideTarget(options, "--hop", h)).ToList(),
        IncludeCleared = options.Has("--include-cleared"),
    };
}

// Another host of the diagnosis (-FromHost, -Hop): PREFIX-user, -key, -ssh-port, -known-hosts.
static RemoteTarget SideTarget(Arguments options, string prefix, string name)
{
    var sshPort = options.One(prefix + "-ssh-port");
    var knownHosts = options.One(prefix + "-known-hosts");
    var sshOptions = knownHosts == null
        ? new List<KeyValuePair<string, string>>()
        : new List<KeyValuePair<string, string>> { new("UserKnownHostsFile", knownHosts), new("GlobalKnownHostsFile", "/dev/null") };
    var transport = Login(options).Transport;
    if (!RemoteTargetBuilder.TryBuild(name, options.One(prefix + "-user"), options.One(prefix + "-key"), sshPort == null ? null : int.Parse(sshPort, CultureInfo.InvariantCulture), null, sshOptions, false, TimeSpan.FromSeconds(options.Double("--timeout", RemoteTargetBuilder.DefaultTimeoutSec)), out var target, out var problem, new RemoteLogin(transport)))
    {
        throw new ArgumentException(problem);
    }

    return target!;
}

// The transport and secrets: passwords come from environment variables, never from the command line.
static RemoteLogin Login(Arguments options)
{
    var transport = Enum.Parse<SshTriage.SshTransport>(options.One("--transport") ?? "Auto", ignoreCase: true);
    var credential = options.One("--password-env") is string variable ? new RemoteCredential(options.One("--user")!, Secret(variable)) : null;
    var sudo = options.One("--sudo-password-env") is string sudoVariable ? Secret(sudoVariable) : null;
    return new RemoteLogin(transport, credential, sudo, options.All("--fingerprint"));
}

static System.Security.SecureString Secret(string variable)
{
    var secret = new System.Security.SecureString();
    foreach (var c in Environment.GetEnvironmentVariable(variable) ?? string.Empty)
    {
        secret.AppendChar(c);
    }

    secret.MakeReadOnly();
    return secret;
}

// server unban --address A [--jail J] [--ignore] [--force] [--approve] target...
static bool RunUnban(Arguments options, JsonLineSink sink)
{
    sink.Approve = options.Has("--approve");
    var address = SshTriage.Net.IPPrefix.Parse(options.One("--address")!);
    var unblocker = new SshTriage.Fail2Ban.Fail2BanUnblocker();
    foreach (var target in Targets(options, options.Positional.Skip(1), sink))
    {
        unblocker.Run(new SshTriage.Fail2Ban.UnbanRequest(target, address, options.One("--jail"), options.Has("--ignore"), options.Has("--force")), sink, CancellationToken.None);
    }

    return true;
}
