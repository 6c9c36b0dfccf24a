using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SshTriage.Collection;
using SshTriage.Text;

namespace SshTriage.Diagnosis.Rules
{
    /// <summary>
    /// SELinux (enforcing) lets sshd bind only ports labelled ssh_port_t: a Port moved elsewhere
    /// fails with "Bind to port N ... failed: Permission denied" and nothing listens there.
    /// </summary>
    public sealed class SELinuxPortRule : IRejectRule
    {
        private static readonly Regex BindDenied = new Regex(@"Bind to port (?<port>[0-9]+) on \S+ failed: Permission denied", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public RejectCause Cause => RejectCause.SELinuxPortDenied;

        /// <inheritdoc />
        public string? Checked(DiagnosisContext context)
        {
            var state = Read(context);
            return state == null ? null : state.Value.Enforcing ? $"SELinux is enforcing and sshd is not denied port {context.Port}." : $"SELinux is {state.Value.Mode}.";
        }

        /// <inheritdoc />
        public IEnumerable<SshRejectCause> Evaluate(DiagnosisContext context)
        {
            var state = Read(context);
            if (state == null || !state.Value.Enforcing)
            {
                yield break;
            }

            var (mode, _, labelled, line) = state.Value;
            var denied = context.Log.LastOrDefault(e => BindDenied.Match(e.Message) is Match m && m.Success && m.Groups["port"].Value == context.Port.ToString(CultureInfo.InvariantCulture));
            var unlabelled = labelled != null && !labelled.Any(r => r.Low <= context.Port && context.Port <= r.High) && (context.Config?.Port.Contains(context.Port) ?? false);
            if (denied == null && !unlabelled)
            {
                yield break;
            }

            var evidence = new List<CauseEvidence> { context.Quote("getenforce", mode) };
            if (line != null)
            {
                evidence.Add(context.Quote("semanage port -l", line));
            }

            if (denied != null)
            {
                evidence.Add(context.Quote(denied.Source, $"{denied.Time:yyyy-MM-dd HH:mm:ss} {denied.Message}"));
            }

            yield return new SshRejectCause(
                context,
                Cause,
                denied != null ? CauseConfidence.Confirmed : CauseConfidence.Likely,
                $"SELinux is enforcing and port {context.Port} is not labelled ssh_port_t, so sshd may not bind it.",
                evidence.ToArray())
            {
                Remedy = $"Label the port for sshd (semanage port -a -t ssh_port_t -p tcp {context.Port}) and restart sshd; do not switch SELinux off.",
                RemedyCommand = context.Command("Get-SshLogEvent", "-Last 50 -Sudo"),
            };
        }

        // getenforce's word, then semanage's "ssh_port_t  tcp  2222-2230, 22" line when semanage is installed.
        private static (string Mode, bool Enforcing, (int Low, int High)[]? Labelled, string? Line)? Read(DiagnosisContext context)
        {
            var record = context.Evidence.Bundle[CollectorSections.Names.SELinux];
            if (record == null || record.ExitCode != 0)
            {
                return null;
            }

            var lines = record.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0)
            {
                return null;
            }

            var line = lines.FirstOrDefault(l => l.StartsWith("ssh_port_t", StringComparison.Ordinal));

            // A number semanage did not print (out of range, too long) labels nothing.
            var labelled = line == null ? null : Regex.Matches(line, @"\b(?<low>[0-9]+)(?:-(?<high>[0-9]+))?\b").Cast<Match>()
                .Select(m => (Low: Port(m.Groups["low"].Value), High: Port(m.Groups[m.Groups["high"].Success ? "high" : "low"].Value)))
                .Where(r => r.Low > 0 && r.High >= r.Low)
                .ToArray();
            return (lines[0], lines[0] == "Enforcing", labelled, line);
        }

        private static int Port(string text) => AsciiNumber.TryParseInt32(text, out var port) && port <= 65535 ? port : 0;
    }
}
