using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SshTriage.Evidence;
using SshTriage.Remote;
using SshTriage.Text;

namespace SshTriage.Probing
{
    /// <summary>
    /// Probes from another host over ssh (-FromHost): the reverse path of the seeds, where the
    /// failing client is not this machine. The host needs bash (for /dev/tcp) and timeout; the
    /// probes connect, read the identification line and close, as Test-SshPort does. Then, in the
    /// same session, the script reads that side's own view of the server (<see cref="ClientView"/>):
    /// ssh -G and its known_hosts entries, where ssh is installed.
    /// </summary>
    public sealed class RemoteProbeOrigin : IProbeOrigin
    {
        private const string DoneMarker = "@@sst probe-done";

        // The probe script's connect times are milliseconds within its own timeout; more is not its output.
        private const long MaxConnectMilliseconds = 24L * 60 * 60 * 1000;

        private readonly RemoteTarget host;
        private readonly TimeSpan timeout;
        private readonly IRemoteShell ssh;

        /// <summary>Creates an origin that probes from <paramref name="host"/>, each probe waiting up to <paramref name="timeout"/> to connect and again for the banner.</summary>
        public RemoteProbeOrigin(RemoteTarget host, TimeSpan timeout, IRemoteShell? ssh = null)
        {
            this.timeout = timeout;
            this.host = host.WithScriptTimeout(ScriptTimeout(timeout));
            this.ssh = ssh ?? TransportShell.Default;
        }

        /// <summary>The origin host, with the probe script's own time bound.</summary>
        internal RemoteTarget Host => host;

        /// <summary>
        /// How long the probe script may run on the origin host once ssh is in: the probes run
        /// at once, each killed after <see cref="KillAfterSeconds"/>, plus a few seconds to
        /// start and to resolve the name. A dropped port ends each probe after one timeout.
        /// </summary>
        internal static TimeSpan ScriptTimeout(TimeSpan timeout) => TimeSpan.FromSeconds(KillAfterSeconds(timeout) + 3);

        /// <summary>When timeout(1) ends a probe that neither closed nor timed out by itself: connect and banner wait, plus a second.</summary>
        internal static int KillAfterSeconds(TimeSpan timeout) => (2 * Seconds(timeout)) + 1;

        private static int Seconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));

        /// <inheritdoc />
        public async Task<ProbeWindow> ProbeAsync(string computerName, int port, CancellationToken cancellationToken)
        {
            var origin = host.ComputerName;
            if (!ComputerNameParser.TryParse(computerName, out var literal, out _))
            {
                return new ProbeWindow(origin, null, new[] { new SshPortResult(computerName, null, port, SshPortStatus.NameNotResolved, DateTimeOffset.Now) });
            }

            var (outcome, failure) = await ScriptRunner.RunAsync(ssh, ssh, host, ScriptInput.Whole(Script(literal?.ToString() ?? computerName, port)), DoneMarker, cancellationToken).ConfigureAwait(false);
            if (failure != null)
            {
                return new ProbeWindow(origin, null, Array.Empty<SshPortResult>(), failure);
            }

            return Parse(origin, computerName, port, outcome!.StandardOutput);
        }

        /// <summary>The probe script for sh on the origin host: what -FromHost runs there.</summary>
        public string Script(string target, int port)
        {
            return "command -v bash >/dev/null 2>&1 || { echo 'bash is missing: -FromHost needs bash on the origin host' >&2; exit 69; }\n" +
                "exec bash -c " + ShellQuote.Single(ProbeScript) + " sshtriage-probe " +
                ShellQuote.Single(target) + " " + port.ToString(CultureInfo.InvariantCulture) + " " +
                Seconds(timeout).ToString(CultureInfo.InvariantCulture) + " " +
                ProbeWindow.ProbeCount.ToString(CultureInfo.InvariantCulture) + " " +
                KillAfterSeconds(timeout).ToString(CultureInfo.InvariantCulture) + "\n";
        }

        /// <summary>Reads the probe script's output into one result per probe.</summary>
        internal static ProbeWindow Parse(string origin, string computerName, int port, string output)
        {
            IPAddress? address = null;
            IPAddress? source = null;
            var probes = new List<SshPortObservation>();
            SshPortObservation? current = null;
            IdentificationScanner? scanner = null;
            var ended = false;
            var client = new ClientView();
            string? knownHostsFile = null;
            var clientPart = false;

            void Finish()
            {
                if (current != null && scanner != null && !ended)
                {
                    // Killed by timeout while reading: the peer stayed silent.
                    current.Conclude(scanner, ReadEnd.TimedOut);
                }
            }

            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                var space = line.IndexOf(' ');
                var word = space < 0 ? line : line.Substring(0, space);
                var rest = space < 0 ? string.Empty : line.Substring(space + 1);
                if (word == "@@client")
                {
                    clientPart = true;
                    knownHostsFile = rest.StartsWith("known-hosts ", StringComparison.Ordinal) ? rest.Substring("known-hosts ".Length) : null;
                    continue;
                }

                if (clientPart)
                {
                    if (knownHostsFile != null)
                    {
                        client.AddKnownHost(knownHostsFile, line);
                    }
                    else if (line.Length > 0 && line != DoneMarker)
                    {
                        client.AddSetting(line);
                    }

                    continue;
                }

                switch (word)
                {
                    case "address":
                        IPAddress.TryParse(rest, out address);
                        break;
                    case "source":
                        IPAddress.TryParse(rest, out source);
                        break;
                    case "@@probe":
                        Finish();
                        current = new SshPortObservation(computerName, address, port, DateTimeOffset.Now) { LocalAddress = source };
                        scanner = null;
                        ended = false;
                        probes.Add(current);
                        break;
                    case "unresolved" when current != null:
                        current.Status = SshPortStatus.NameNotResolved;
                        ended = true;
                        break;
                    case "connect-error" when current != null:
                        current.Status = ConnectStatus(rest);
                        current.PreBannerText = rest;
                        ended = true;
                        break;
                    case "connected" when current != null:
                        scanner = new IdentificationScanner();
                        current.ConnectTime = AsciiNumber.TryParseInt64(rest, out var milliseconds) && milliseconds <= MaxConnectMilliseconds
                            ? TimeSpan.FromMilliseconds(milliseconds)
                            : (TimeSpan?)null;
                        break;
                    case "line" when scanner != null:
                    case "part" when scanner != null:
                        var bytes = Encoding.UTF8.GetBytes(word == "line" ? rest + "\n" : rest);
                        scanner.Feed(bytes, bytes.Length);
                        if (scanner.Verdict != ScanVerdict.NeedMore)
                        {
                            current!.Conclude(scanner, ReadEnd.Closed);
                            ended = true;
                        }

                        break;
                    case "end" when scanner != null && !ended:
                        current!.Conclude(scanner, rest.StartsWith("closed", StringComparison.Ordinal) ? ReadEnd.Closed : ReadEnd.TimedOut);
                        ended = true;
                        break;
                }
            }

            Finish();
            return new ProbeWindow(origin, source, probes.ConvertAll(p => p.ToResult()), Client: client.IsEmpty ? null : client);
        }

        // The text bash prints after "/dev/tcp/HOST/PORT: ".
        private static SshPortStatus ConnectStatus(string message)
        {
            if (message.IndexOf("refused", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return SshPortStatus.Refused;
            }

            if (message.IndexOf("Network is unreachable", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return SshPortStatus.NetworkUnreachable;
            }

            if (message.IndexOf("No route to host", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return SshPortStatus.HostUnreachable;
            }

            return message.IndexOf("timed out", StringComparison.OrdinalIgnoreCase) >= 0 ? SshPortStatus.TimedOut : SshPortStatus.HostUnreachable;
        }

        // bash: $1 target, $2 port, $3 timeout in seconds, $4 probe count, $5 when timeout(1)
        // ends a probe. Each probe runs at once; bash's /dev/tcp has no connect timeout of its
        // own, so a watchdog ends a probe still connecting after $3 seconds (a dropped port
        // costs one timeout). Then it reads lines for up to $3 seconds, sends its own
        // identification after one silent second (so a service that waits for the client shows
        // itself), and stops at the first SSH- line.
        private const string ProbeScript = @"
sst_one() {
    local t0 line rc nudged=0 left=$3 watchdog
    t0=${EPOCHREALTIME/[.,]/}
    ( trap 'kill ""$s"" 2>/dev/null; exit 0' TERM; sleep ""$3"" & s=$!; wait ""$s""; kill -TERM $$ ) </dev/null >/dev/null 2>&1 &
    watchdog=$!
    if ! { exec 3<>""/dev/tcp/$1/$2""; } 2>""$5.err""; then
        kill ""$watchdog"" 2>/dev/null
        printf 'connect-error %s\n' ""$(tail -n 1 ""$5.err"" | sed 's/^.*: //')""
        return
    fi
    kill ""$watchdog"" 2>/dev/null
    printf 'connected %s\n' ""$(( (${EPOCHREALTIME/[.,]/} - t0) / 1000 ))""
    while :; do
        IFS= read -r -t 1 line <&3
        rc=$?
        if [ ""$rc"" = 0 ]; then
            printf 'line %s\n' ""$line""
            case $line in SSH-*) return ;; esac
            continue
        fi
        [ -n ""$line"" ] && printf 'part %s\n' ""$line""
        if [ ""$rc"" -le 128 ]; then
            printf 'end closed\n'
            return
        fi
        if [ ""$nudged"" = 0 ]; then
            nudged=1
            printf 'SSH-2.0-SshTriage_Probe\r\n' >&3 2>/dev/null
        fi
        left=$((left - 1))
        if [ ""$left"" -le 0 ]; then
            printf 'end timeout\n'
            return
        fi
    done
}
target=$(getent ahosts ""$1"" 2>/dev/null | awk 'NR == 1 { print $1 }')
if [ -n ""$target"" ]; then
    printf 'address %s\n' ""$target""
    ip route get ""$target"" 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == ""src"") { print ""source "" $(i + 1); exit } }'
fi
tmp=$(mktemp -d) || exit 70
trap 'rm -rf ""$tmp""' EXIT
i=1
while [ ""$i"" -le ""$4"" ]; do
    if [ -n ""$target"" ]; then
        timeout ""$5"" bash -c ""$(declare -f sst_one); sst_one \""\$@\"""" _ ""$target"" ""$2"" ""$3"" ""$i"" ""$tmp/$i"" >""$tmp/$i"" &
    else
        echo unresolved >""$tmp/$i""
    fi
    i=$((i + 1))
done
wait
i=1
while [ ""$i"" -le ""$4"" ]; do
    printf '@@probe %s\n' ""$i""
    cat ""$tmp/$i""
    i=$((i + 1))
done
if command -v ssh >/dev/null 2>&1; then
    printf '@@client ssh-g\n'
    ssh -G -p ""$2"" -- ""$1"" </dev/null 2>/dev/null | grep -Ei '^(hostname|port|user|hostkeyalgorithms|kexalgorithms|ciphers|macs|pubkeyacceptedalgorithms|identitiesonly|identityfile|userknownhostsfile|stricthostkeychecking) ' >""$tmp/g""
    cat ""$tmp/g""
    if [ ""$2"" = 22 ]; then kh=$1; else kh=""[$1]:$2""; fi
    for f in $(awk '$1 == ""userknownhostsfile"" { for (i = 2; i <= NF; i++) print $i }' ""$tmp/g""); do
        [ -r ""$f"" ] || continue
        printf '@@client known-hosts %s\n' ""$f""
        ssh-keygen -l -F ""$kh"" -f ""$f"" 2>/dev/null | grep -v '^#'
    done
fi
echo '@@sst probe-done'
";
    }
}
