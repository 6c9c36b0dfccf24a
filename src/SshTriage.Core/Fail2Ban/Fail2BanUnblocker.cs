using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using SshTriage.Collection;
using SshTriage.Evidence;
using SshTriage.Net;
using SshTriage.Operations;
using SshTriage.Remote;

namespace SshTriage.Fail2Ban
{
    /// <summary>
    /// Unblock-Fail2BanIp: lifts bans and, with -AddToIgnoreList, makes the exception last by
    /// editing jail.local safely — read, change only the ignoreip line, back up, replace
    /// atomically, test with fail2ban-client -t, apply, and restore the backup if any step
    /// fails. Two ssh runs per request: one to read, one to change. Every change is asked
    /// for with ShouldProcess first, on the caller's thread.
    /// </summary>
    public sealed class Fail2BanUnblocker
    {
        private const string Mark = "@@sst ";

        // The change script's first line: when it is in the output, the script ran.
        private const string Started = "@@sst started";
        private readonly IRemoteShell ssh;
        private readonly IRemoteShell local;

        /// <summary>Creates an unblocker over the given shells (the target's transport, OpenSSH or SSH.NET, and sh by default).</summary>
        public Fail2BanUnblocker(IRemoteShell? ssh = null, IRemoteShell? local = null)
        {
            this.ssh = ssh ?? TransportShell.Default;
            this.local = local ?? new LocalShell();
        }

        /// <summary>Carries out one request; results, warnings and errors go to <paramref name="sink"/>.</summary>
        public void Run(UnbanRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            var host = request.Target.ComputerName;
            if (request.AddToIgnoreList && IsWide(request.Address) && !request.Force)
            {
                sink.WriteError(new TriageError(
                    "IgnorePrefixTooWide",
                    new ArgumentException($"{request.Address} is wider than /{(request.Address.Family == AddressFamily.InterNetwork ? 24 : 64)}: ignoring it would exempt a large network from Fail2Ban."),
                    TriageErrorCategory.InvalidArgument,
                    request.Address.ToString(),
                    "Ignore the exact gateway or proxy address instead, or add -Force if the whole network is trusted."));
                return;
            }

            var evidence = Read(request, sink, cancellationToken);
            if (evidence == null)
            {
                return;
            }

            var output = FramedOutput.Parse(evidence.Bundle[Fail2BanSections.Names.Fail2Ban]?.StandardOutput ?? string.Empty);
            var problem = Fail2BanErrors.Check(evidence, evidence.Bundle[Fail2BanSections.Names.Fail2Ban], output);
            if (problem != null)
            {
                sink.WriteError(problem);
                return;
            }

            var jails = output.Jails.Select(j => JailParser.Parse(host, j.Jail, j.Answers)).ToList();
            if (request.Jail != null && !jails.Any(j => j.Name == request.Jail))
            {
                sink.WriteError(Fail2BanErrors.JailNotFound(evidence, request.Jail, jails.Select(j => j.Name).ToArray()));
                return;
            }

            var plan = Plan(request, jails);
            if (plan.Count == 0)
            {
                sink.WriteWarning($"Fail2BanIpNotBanned: {request.Address} is not banned in any jail on {host}. Give -Jail to add it to a jail's ignore list anyway.");
                return;
            }

            Apply(request, evidence, plan, sink, cancellationToken);
        }

        private static bool IsWide(IPPrefix prefix) =>
            prefix.Length < (prefix.Family == AddressFamily.InterNetwork ? 24 : 64);

        private static List<(Fail2BanJail Jail, List<string> Banned)> Plan(UnbanRequest request, IReadOnlyList<Fail2BanJail> jails)
        {
            var plan = new List<(Fail2BanJail, List<string>)>();
            foreach (var jail in jails.Where(j => request.Jail == null || j.Name == request.Jail))
            {
                var banned = jail.BannedIp.Where(ip => System.Net.IPAddress.TryParse(ip, out var a) && request.Address.Contains(a)).ToList();
                if (banned.Count > 0 || request.Jail != null)
                {
                    plan.Add((jail, banned));
                }
            }

            return plan;
        }

        private ServerEvidence? Read(UnbanRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            var sections = new List<CollectorSection> { CollectorSections.Meta, Fail2BanSections.Fail2Ban };
            if (request.AddToIgnoreList)
            {
                sections.Add(Fail2BanSections.JailLocal);
            }

            var outcome = RunScript(request.Target, CollectorScript.Build(sections), sink, cancellationToken);
            if (outcome == null)
            {
                return null;
            }

            try
            {
                return new ServerEvidence(request.Target.ComputerName, EvidenceBundle.Parse(outcome.StandardOutput, request.Target.ComputerName));
            }
            catch (EvidenceFormatException damaged)
            {
                sink.WriteError(damaged.ToError(request.Target.ComputerName, "Run again; if it persists, check what the remote login shell prints."));
                return null;
            }
        }

        private ProcessOutcome? RunScript(RemoteTarget target, string script, IOperationSink sink, CancellationToken cancellationToken, string successMarker = RemoteFailure.CollectorMarker)
        {
            var (outcome, failure) = ScriptRunner.RunAsync(ssh, local, target, ScriptInput.Whole(script), successMarker, cancellationToken).GetAwaiter().GetResult();
            if (failure != null)
            {
                sink.WriteError(failure);
            }

            return outcome;
        }

        private void Apply(UnbanRequest request, ServerEvidence evidence, List<(Fail2BanJail Jail, List<string> Banned)> plan, IOperationSink sink, CancellationToken cancellationToken)
        {
            var host = request.Target.ComputerName;
            var script = new StringBuilder("#!/bin/sh\n" + ShellEnvironment.Prologue + "echo '" + Started + "'\n");
            var decisions = new Decisions(sink);
            var unbans = 0;
            for (var i = 0; i < plan.Count; i++)
            {
                foreach (var address in plan[i].Banned)
                {
                    if (decisions.Ask($"{address} in jail {plan[i].Jail.Name} on {host}", "Unban"))
                    {
                        unbans++;
                        script.Append("printf '@@sst unban ").Append(i).Append(' ').Append(address).Append(" %s\\n' \"$(fail2ban-client set ")
                            .Append(ShellQuote.Single(plan[i].Jail.Name)).Append(" unbanip ").Append(ShellQuote.Single(address)).Append(" 2>&1 | tail -n 1)\"\n");
                    }
                }
            }

            var ignoring = request.AddToIgnoreList && PlanIgnoreList(request, evidence, plan, script, decisions, sink);
            if (unbans == 0 && !ignoring)
            {
                // Declined (-WhatIf, or No at the prompt): nothing was done, and that is all.
                if (decisions.Declined == 0)
                {
                    Report(string.Empty, request, plan, sink);
                }

                return;
            }

            var outcome = RunScript(request.Target, script.ToString(), sink, cancellationToken, Started);
            if (outcome != null)
            {
                Report(outcome.StandardOutput, request, plan, sink);
            }
        }

        private static bool PlanIgnoreList(UnbanRequest request, ServerEvidence evidence, List<(Fail2BanJail Jail, List<string> Banned)> plan, StringBuilder script, Decisions decisions, IOperationSink sink)
        {
            var host = request.Target.ComputerName;
            var record = evidence.Bundle[Fail2BanSections.Names.JailLocal];
            var lines = (record?.StandardOutput ?? "missing").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            var checksum = lines.Length > 0 ? lines[0].Trim() : "missing";
            var latin1 = Encoding.GetEncoding(28591);
            var original = checksum == "missing" ? string.Empty : latin1.GetString(Convert.FromBase64String(string.Concat(lines.Skip(1)).Trim()));
            var text = original;
            var jails = new List<string>();
            for (var i = 0; i < plan.Count; i++)
            {
                var edit = IgnoreIpEditor.AddAddress(text, plan[i].Jail.Name, request.Address);
                if (!edit.Changed)
                {
                    sink.WriteVerbose($"{request.Address} is already ignored by jail {plan[i].Jail.Name} on {host} ({edit.CoveredBy} in [{edit.Section}]).");
                    continue;
                }

                if (decisions.Ask($"ignoreip of jail {plan[i].Jail.Name} ([{edit.Section}] in {Fail2BanSections.JailLocalPath}) on {host}", $"Add {request.Address}"))
                {
                    text = edit.Text;
                    jails.Add(plan[i].Jail.Name);
                }
            }

            if (jails.Count == 0)
            {
                return false;
            }

            var conf = Fail2BanSections.JailLocalPath;
            script.Append("conf=").Append(conf).Append('\n')
                .Append("now=missing; [ -f \"$conf\" ] && now=$(sha256sum < \"$conf\" | cut -d' ' -f1)\n")
                .Append("if [ \"$now\" != ").Append(ShellQuote.Single(checksum)).Append(" ]; then echo '@@sst conflict'; exit 0; fi\n")
                .Append("new=$(mktemp \"$conf.XXXXXX\") || { echo '@@sst failed creating a temporary file'; exit 0; }\n")
                .Append("base64 -d > \"$new\" <<'SSTEOF'\n").Append(Wrap(Convert.ToBase64String(latin1.GetBytes(text)))).Append("SSTEOF\n")
                .Append("backup=\nif [ -f \"$conf\" ]; then backup=\"$conf.sshtriage-$(date -u +%Y%m%dT%H%M%SZ).bak\"; ")
                .Append("cp -p \"$conf\" \"$backup\" || { rm -f \"$new\"; echo '@@sst failed backing up'; exit 0; }; ")
                .Append("chmod --reference=\"$conf\" \"$new\" 2>/dev/null; chown --reference=\"$conf\" \"$new\" 2>/dev/null; else chmod 644 \"$new\"; fi\n")
                .Append("mv -f \"$new\" \"$conf\" || { rm -f \"$new\"; echo '@@sst failed replacing'; exit 0; }\n")
                .Append("restore() { if [ -n \"$backup\" ]; then mv -f \"$backup\" \"$conf\"; else rm -f \"$conf\"; fi; }\n")
                .Append("if ! out=$(fail2ban-client -t 2>&1); then restore; echo '@@sst invalid'; printf '%s\\n' \"$out\"; exit 0; fi\n");
            foreach (var jail in jails)
            {
                script.Append("fail2ban-client set ").Append(ShellQuote.Single(jail)).Append(" addignoreip ").Append(ShellQuote.Single(request.Address.ToString())).Append(" >/dev/null 2>&1\n");
            }

            script.Append("if ! out=$(fail2ban-client reload 2>&1); then restore; fail2ban-client reload >/dev/null 2>&1; echo '@@sst reload-failed'; printf '%s\\n' \"$out\"; exit 0; fi\n")
                .Append("echo \"@@sst backup $backup\"\n");
            foreach (var jail in jails)
            {
                script.Append("echo '@@sst ignored ").Append(jail).Append("'\n");
            }

            return true;
        }

        // The change script's report: one result per planned jail, each built once from what the script printed.
        private static void Report(string output, UnbanRequest request, List<(Fail2BanJail Jail, List<string> Banned)> plan, IOperationSink sink)
        {
            var host = request.Target.ComputerName;
            var lines = output.Replace("\r\n", "\n").Split('\n');
            var unbanned = new HashSet<int>();
            foreach (var line in lines.Where(l => l.StartsWith(Mark + "unban ", StringComparison.Ordinal)))
            {
                var parts = line.Substring(Mark.Length + 6).Split(' ');
                if (parts.Length >= 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < plan.Count && parts[2].Trim() != "0")
                {
                    unbanned.Add(index);
                }
            }

            var backup = lines.FirstOrDefault(l => l.StartsWith(Mark + "backup ", StringComparison.Ordinal))?.Substring(Mark.Length + 7).Trim();
            var ignored = new HashSet<string>(lines.Where(l => l.StartsWith(Mark + "ignored ", StringComparison.Ordinal)).Select(l => l.Substring(Mark.Length + 8).Trim()), StringComparer.Ordinal);
            var results = plan.Select((p, i) => new Fail2BanUnbanResult(host, p.Jail.Name, request.Address.ToString())
            {
                WasBanned = p.Banned.Count > 0,
                Unbanned = unbanned.Contains(i),
                IgnoreListUpdated = ignored.Contains(p.Jail.Name),
                ConfigPath = request.AddToIgnoreList ? Fail2BanSections.JailLocalPath : null,
                BackupPath = ignored.Contains(p.Jail.Name) && !string.IsNullOrEmpty(backup) ? backup : null,
            }).ToList();

            var failure = lines.Select((l, i) => (l, i)).FirstOrDefault(x => x.l.StartsWith(Mark, StringComparison.Ordinal)
                && (x.l.Contains("conflict") || x.l.Contains("failed") || x.l.Contains("invalid") || x.l.Contains("reload-failed")));
            if (failure.l != null)
            {
                var detail = string.Join(" ", lines.Skip(failure.i + 1).Where(l => l.Length > 0 && !l.StartsWith(Mark, StringComparison.Ordinal)).Take(5));
                var invalid = failure.l.Contains("invalid") || failure.l.Contains("reload-failed");
                sink.WriteError(new TriageError(
                    invalid ? "Fail2BanConfigInvalid" : failure.l.Contains("conflict") ? "Fail2BanConfigChanged" : "Fail2BanConfigNotWritten",
                    new RemoteFailureException(invalid
                        ? $"Fail2Ban rejected {Fail2BanSections.JailLocalPath} on {host} after the change, so the original was restored byte for byte. {detail}"
                        : failure.l.Contains("conflict")
                            ? $"{Fail2BanSections.JailLocalPath} on {host} changed while SshTriage was reading it; nothing was written."
                            : $"{Fail2BanSections.JailLocalPath} on {host} was not changed: {failure.l.Substring(Mark.Length)}."),
                    invalid ? TriageErrorCategory.InvalidData : TriageErrorCategory.WriteError,
                    host,
                    invalid ? "Run fail2ban-client -t on the server: the file already had an error that the change brought to light." : "Run the command again."));
            }

            foreach (var result in results)
            {
                if (!result.WasBanned && !result.IgnoreListUpdated)
                {
                    sink.WriteWarning($"Fail2BanIpNotBanned: {request.Address} was not banned in jail {result.Jail} on {host}.");
                }

                if (result.WasBanned || request.AddToIgnoreList)
                {
                    sink.WriteObject(result);
                }
            }
        }

        /// <summary>Asks ShouldProcess and remembers how many changes were declined.</summary>
        private sealed class Decisions
        {
            private readonly IOperationSink sink;

            public Decisions(IOperationSink sink) => this.sink = sink;

            public int Declined { get; private set; }

            public bool Ask(string target, string action)
            {
                var yes = sink.ShouldProcess(target, action);
                Declined += yes ? 0 : 1;
                return yes;
            }
        }

        private static string Wrap(string base64)
        {
            var wrapped = new StringBuilder();
            for (var i = 0; i < base64.Length; i += 76)
            {
                wrapped.Append(base64, i, Math.Min(76, base64.Length - i)).Append('\n');
            }

            return wrapped.ToString();
        }
    }
}
