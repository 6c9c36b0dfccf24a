using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SshTriage.Accounts;
using SshTriage.Collection;
using SshTriage.Fail2Ban;
using SshTriage.Firewall;
using SshTriage.Probing;
using SshTriage.Sshd;
using SshTriage.TcpWrappers;

namespace SshTriage.Diagnosis
{
    /// <summary>
    /// Everything a rule may read about one failing connection: what the client saw, the
    /// server's evidence (one collector run), and the address the server sees for the client.
    /// Each view is parsed once, on first use.
    /// </summary>
    public sealed class DiagnosisContext
    {
        private readonly Lazy<IReadOnlyList<SsListenEntry>> listeners;
        private readonly Lazy<SshdConfig?> config;
        private readonly Lazy<IReadOnlyList<SshLogEvent>> log;
        private readonly Lazy<IReadOnlyList<Fail2BanBan>> bans;
        private readonly Lazy<IReadOnlyList<Fail2BanJail>> jails;
        private readonly Lazy<FirewallVerdict?> verdict;
        private readonly Lazy<Correlation?> correlation;
        private readonly Lazy<(IPAddress? Address, CauseEvidence? Proof, bool ByProbes)> visible;
        private readonly Lazy<IReadOnlyList<ConnectionConfig>> connectionConfigs;
        private readonly Lazy<IReadOnlyList<string>?> userGroups;
        private readonly Lazy<SshAccount?> account;
        private readonly Lazy<FirewallEvidence> firewall;
        private readonly Lazy<RateLimitState?> rateLimits;
        private readonly Lazy<TcpWrappersEvidence?> tcpWrappers;
        private readonly Lazy<ReverseLookup?> reverseLookup;
        private readonly Lazy<IReadOnlyList<Accounts.AuthorizedKey>?> hostKeys;

        /// <summary>
        /// Creates a context. <paramref name="window"/> is what the client-side probes saw during
        /// the collector's pause (null when none ran: a saved bundle, or -Local);
        /// <paramref name="routeToClient"/> is the server's "ip route get CLIENT" output, when it was collected.
        /// </summary>
        public DiagnosisContext(ServerEvidence evidence, int port, IPAddress? clientAddress, string? clientUser, ProbeWindow? window, string? routeToClient)
        {
            Evidence = evidence;
            Port = port;
            ClientAddress = clientAddress;
            ClientUser = clientUser;
            Window = window;
            Gateway = RouteGateway(routeToClient);
            listeners = new Lazy<IReadOnlyList<SsListenEntry>>(() =>
                evidence.Bundle[CollectorSections.Names.Listeners] is Evidence.EvidenceRecord r && r.Succeeded ? SsListenParser.Parse(r.StandardOutput) : Array.Empty<SsListenEntry>());
            config = new Lazy<SshdConfig?>(() => new SshdConfigReader(null, null, null).Read(evidence).OfType<SshdConfig>().FirstOrDefault());
            log = new Lazy<IReadOnlyList<SshLogEvent>>(() => new SshLogReader(new SshLogFilter(null, null, null, null)).Read(evidence).OfType<SshLogEvent>().ToList());
            firewall = new Lazy<FirewallEvidence>(() => FirewallEvidence.Read(evidence));
            bans = new Lazy<IReadOnlyList<Fail2BanBan>>(() => new Fail2BanReader(null).ReadBans(evidence, firewall).OfType<Fail2BanBan>().ToList());
            jails = new Lazy<IReadOnlyList<Fail2BanJail>>(() => new Fail2BanReader(null).ReadJails(evidence).OfType<Fail2BanJail>().ToList());
            correlation = new Lazy<Correlation?>(() => window == null ? null : Correlation.Read(evidence, Log));
            visible = new Lazy<(IPAddress?, CauseEvidence?, bool)>(FindVisibleAddress);
            connectionConfigs = new Lazy<IReadOnlyList<ConnectionConfig>>(() => new[] { ClientSections.ConfigForClient, ClientSections.ConfigForGateway }
                .Select(s => ConnectionConfig.Read(evidence, s, clientUser, port)).OfType<ConnectionConfig>().ToList());
            userGroups = new Lazy<IReadOnlyList<string>?>(() =>
                evidence.Bundle[ClientSections.UserGroups] is Evidence.EvidenceRecord r && r.Succeeded
                    ? r.StandardOutput.Split(new[] { ' ', '\n', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries)
                    : null);
            account = new Lazy<SshAccount?>(() =>
                clientUser != null && evidence.Bundle[AccountSections.Names.Account] is Evidence.EvidenceRecord r && r.Succeeded
                    ? AccountParser.Parse(clientUser, r.StandardOutput)
                    : null);
            rateLimits = new Lazy<RateLimitState?>(() =>
                evidence.Bundle[FirewallSections.Names.RateLimits] is Evidence.EvidenceRecord r && r.Succeeded ? RateLimitState.Parse(r.StandardOutput) : null);
            verdict = new Lazy<FirewallVerdict?>(() => VisibleAddress == null ? null : VerdictFor(VisibleAddress));
            tcpWrappers = new Lazy<TcpWrappersEvidence?>(() =>
                evidence.Bundle[TcpWrappersSections.Name] is Evidence.EvidenceRecord r && r.Succeeded ? TcpWrappersEvidence.Parse(r.StandardOutput) : null);
            hostKeys = new Lazy<IReadOnlyList<Accounts.AuthorizedKey>?>(() =>
                evidence.Bundle[ClientSections.HostKeys] is Evidence.EvidenceRecord r && r.Succeeded && AccountParser.Fingerprints(r.StandardOutput) is var keys && keys.Count > 0 ? keys : null);
            reverseLookup = new Lazy<ReverseLookup?>(() =>
                evidence.Bundle[ClientSections.ReverseLookupSection] is Evidence.EvidenceRecord r && r.Succeeded ? ReverseLookup.Parse(r.StandardOutput) : null);
        }

        /// <summary>
        /// sshd's configuration for the client's login: for its user and the address sshd sees when
        /// that was read (Match blocks applied), else the server-wide one; null when neither was read.
        /// </summary>
        public (SshdConfig Config, string Command)? LoginConfig =>
            ConfigFor(VisibleAddress) is ConnectionConfig forClient ? (forClient.Config, forClient.Command)
            : Config is SshdConfig global ? (global, "sshd -T") : ((SshdConfig, string)?)null;

        /// <summary>
        /// The first value of sshd -T's <paramref name="keyword"/> for the client's login (<see cref="LoginConfig"/>)
        /// and the line quoted as evidence; null when the configuration was not read or has no such keyword.
        /// </summary>
        public (string Value, CauseEvidence Evidence)? LoginSetting(string keyword) =>
            LoginConfig is var (config, command) && config.Settings.TryGetValue(keyword, out var values) && values.Length > 0
                ? (values[0], Quote(command, keyword + " " + values[0]))
                : ((string, CauseEvidence)?)null;

        /// <summary>The server's host keys (fingerprints and types, ssh-keygen -l), when they were read.</summary>
        public IReadOnlyList<Accounts.AuthorizedKey>? HostKeys => hostKeys.Value;

        /// <summary>The server's timed reverse lookup of the client, when sshd makes one for it (UseDNS, GSSAPIAuthentication) and it was read.</summary>
        public ReverseLookup? ReverseLookup => reverseLookup.Value;

        /// <summary>The client user's account on the server, when a user was given and the account section was read.</summary>
        public SshAccount? Account => account.Value;

        /// <summary>libwrap's linking and the hosts.allow and hosts.deny rules; null when they were not read.</summary>
        public TcpWrappersEvidence? TcpWrappers => tcpWrappers.Value;

        /// <summary>The public key the client offers (-ClientKey), by type and fingerprint.</summary>
        public ClientPublicKey? ClientKey { get; internal set; }

        /// <summary>The evidence of the gateways and proxies on the path (-Hop), read during the probes.</summary>
        public IReadOnlyList<ServerEvidence> Hops { get; internal set; } = Array.Empty<ServerEvidence>();

        /// <summary>A context for a hop: its own evidence (read once, so without counters to compare), the same client, port and probes.</summary>
        public DiagnosisContext ForHop(ServerEvidence hop) => new DiagnosisContext(hop, Port, ClientAddress, ClientUser, Window, null);

        /// <summary>The server's evidence.</summary>
        public ServerEvidence Evidence { get; }

        /// <summary>The SSH port.</summary>
        public int Port { get; }

        /// <summary>The failing client's own address, when known.</summary>
        public IPAddress? ClientAddress { get; }

        /// <summary>The account the client logs in as, when known.</summary>
        public string? ClientUser { get; }

        /// <summary>The probes from the client side, when they ran.</summary>
        public ProbeWindow? Window { get; }

        /// <summary>What the probes from the client side saw, when they ran.</summary>
        public SshPortResult? Probe => Window?.Symptom;

        /// <summary>What changed on the server during the probes; null when no probe ran during the collection.</summary>
        public Correlation? Correlation => correlation.Value;

        /// <summary>The next hop the server uses towards the client, when the route goes through one.</summary>
        public IPAddress? Gateway { get; }

        /// <summary>
        /// The address the server sees: the one sshd logged or a firewall rule counted during the
        /// probes; otherwise, of the client's own address and the gateway on the server's route
        /// back to it, the one sshd's newest line names (or a banned gateway); otherwise the
        /// client's own, unproven.
        /// </summary>
        public IPAddress? VisibleAddress => visible.Value.Address;

        /// <summary>
        /// True when nothing shows which address the server sees for the client: no probe ran,
        /// and neither the route back to the client nor sshd's log names it (a bundle read
        /// offline, or -Local without a line from the client).
        /// </summary>
        public bool VisibleAddressUnknown => Window == null && VisibleAddressProof == null;

        /// <summary>The line that shows the visible address, when the probes or sshd's log showed it.</summary>
        public CauseEvidence? VisibleAddressProof => visible.Value.Proof;

        /// <summary>True when the probes themselves showed the visible address (a log line or counter during them), not only older lines.</summary>
        public bool VisibleAddressShownByProbes => visible.Value.ByProbes;

        /// <summary>Listening sockets.</summary>
        public IReadOnlyList<SsListenEntry> Listeners => listeners.Value;

        /// <summary>sshd's effective configuration, when it could be read.</summary>
        public SshdConfig? Config => config.Value;

        /// <summary>sshd's recent log lines.</summary>
        public IReadOnlyList<SshLogEvent> Log => log.Value;

        /// <summary>Fail2Ban's bans.</summary>
        public IReadOnlyList<Fail2BanBan> Bans => bans.Value;

        /// <summary>Fail2Ban's jails.</summary>
        public IReadOnlyList<Fail2BanJail> Jails => jails.Value;

        /// <summary>sshd's effective configuration for a connection from <paramref name="address"/> (sshd -T -C, Match blocks evaluated), when it was read.</summary>
        public ConnectionConfig? ConfigFor(IPAddress? address) => address == null ? null : connectionConfigs.Value.FirstOrDefault(c => c.Address.Equals(address));

        /// <summary>The client user's groups on the server (id -Gn); null when not read or the user does not exist there.</summary>
        public IReadOnlyList<string>? UserGroups => userGroups.Value;

        /// <summary>True when the collector ran every one of <paramref name="sections"/> (a missing tool counts: it is a fact about the server).</summary>
        public bool HasRead(params string[] sections) => sections.All(s => Evidence.Bundle[s] != null);

        /// <summary>
        /// A command an admin runs next against this server, the way this diagnosis reached it:
        /// with -Local when it ran on the server itself, otherwise with -ComputerName (a saved
        /// bundle names the host it was collected on). E.g. Command("Get-SshListener", "-Sudo").
        /// </summary>
        public string Command(string cmdlet, string arguments) =>
            $"{cmdlet} {(Evidence.IsLocal ? "-Local" : "-ComputerName " + ComputerName)}{(arguments.Length == 0 ? string.Empty : " " + arguments)}";

        /// <summary>True when <paramref name="jail"/>'s action blocks the diagnosed port (an unknown port name counts as yes).</summary>
        public bool JailCoversPort(string jail) => JailPorts.Covers(Jails.FirstOrDefault(j => j.Name == jail)?.Port, Port);

        /// <summary>The firewalls' verdict on a connection from the visible address.</summary>
        public FirewallVerdict? Verdict => verdict.Value;

        /// <summary>The firewalls' rules, read once.</summary>
        internal FirewallEvidence Firewall => firewall.Value;

        /// <summary>The rate limits' state (-m recent lists, hashlimit tables), when it was read.</summary>
        internal RateLimitState? RateLimits => rateLimits.Value;

        /// <summary>The firewalls' verdict on a new connection from <paramref name="source"/> to the port.</summary>
        public FirewallVerdict VerdictFor(IPAddress source) => FirewallAccess.Decide(ComputerName, new PacketQuery(source, Port, "tcp", null), Firewall.Walkers());

        /// <summary>The server as the evidence names it.</summary>
        public string ComputerName => Evidence.ComputerName;

        /// <summary>Evidence quoting a ban as fail2ban-client lists it: the address, when it was banned and until when, in the server's time.</summary>
        public CauseEvidence QuoteBan(Fail2BanBan ban) =>
            Quote($"fail2ban-client get {ban.Jail} banip --with-time", $"{ban.IPAddress} banned at {Stamp(ban.BannedAt) ?? "an unknown time"}, until {Stamp(ban.ExpiresAt) ?? "never"}");

        /// <summary>Evidence quoting one line of a section.</summary>
        public CauseEvidence Quote(string command, string excerpt) => new CauseEvidence(ComputerName, command, excerpt.Trim());

        private static string? Stamp(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        private (IPAddress?, CauseEvidence?, bool) FindVisibleAddress()
        {
            var moved = Correlation;
            var logged = moved?.NewLog?.Where(e => e.Address != null).ToList();
            if (logged != null && logged.Count > 0 && logged.Select(e => e.Address).Distinct().Count() == 1)
            {
                var line = logged[logged.Count - 1];
                return (line.Address, Quote(line.Source, $"during the probes: {line.Time:yyyy-MM-dd HH:mm:ss} {line.Message}"), true);
            }

            // Only rules about the diagnosed port: the management session's own packets move others.
            var counted = moved?.Moved
                .Where(m => JailPorts.Covers(m.Rule.DestinationPort, Port))
                .Select(m => (Move: m, Host: SingleHost(m.Rule.Source)))
                .Where(m => m.Host != null)
                .ToList();
            if (counted != null && counted.Count > 0 && counted.Select(m => m.Host).Distinct().Count() == 1)
            {
                var move = counted[0].Move;
                return (counted[0].Host, Quote(move.Rule.Backend.ToString(), $"during the probes the counter of {move.Rule.Chain} rule {move.Rule.Index} rose by {move.Packets} packets: {move.Rule.Text}"), true);
            }

            // Without the probes: where did the client's connections last arrive from? The
            // route back to it names the gateway that may stand for it; sshd's newest line
            // naming either address tells which one sshd sees now.
            var lastFromClient = ClientAddress == null ? null : Log.LastOrDefault(e => ClientAddress.Equals(e.Address));
            var lastFromGateway = Gateway == null ? null : Log.LastOrDefault(e => Gateway.Equals(e.Address));
            if (lastFromGateway != null && (lastFromClient == null || Newer(lastFromGateway, lastFromClient)))
            {
                var since = lastFromClient == null ? $"none from {ClientAddress}" : $"{ClientAddress}'s last was at {lastFromClient.Time:yyyy-MM-dd HH:mm:ss}";
                return (Gateway, Quote(lastFromGateway.Source, $"the route to {ClientAddress} goes through {Gateway}, and sshd's newest line names it ({since}): {lastFromGateway.Time:yyyy-MM-dd HH:mm:ss} {lastFromGateway.Message}"), false);
            }

            if (lastFromClient != null)
            {
                return (ClientAddress, Quote(lastFromClient.Source, $"sshd's newest line from {ClientAddress}: {lastFromClient.Time:yyyy-MM-dd HH:mm:ss} {lastFromClient.Message}"), false);
            }

            if (Gateway != null && Bans.Any(b => Gateway.Equals(b.IPAddress)))
            {
                return (Gateway, null, false);
            }

            return (ClientAddress, null, false);
        }

        // Later in the log: by time when both have one and they differ, by the log's order
        // otherwise (a syslog time has whole seconds, and a client's last failure and its first
        // login through a NAT can share one).
        private bool Newer(SshLogEvent a, SshLogEvent b) =>
            a.Time.HasValue && b.Time.HasValue && a.Time.Value != b.Time.Value ? a.Time.Value > b.Time.Value : IndexOf(a) > IndexOf(b);

        private int IndexOf(SshLogEvent line)
        {
            for (var i = 0; i < Log.Count; i++)
            {
                if (ReferenceEquals(Log[i], line))
                {
                    return i;
                }
            }

            return -1;
        }

        // "203.0.113.1/32", "203.0.113.1" or "2001:db8::1/128": a rule about one host.
        private static IPAddress? SingleHost(string? source) =>
            Net.IPPrefix.TryParse(source, out var prefix) && prefix.IsSingleAddress ? prefix.Network : null;

        // "198.51.100.10 via 203.0.113.1 dev eth0 src 203.0.113.20 uid 0"
        private static IPAddress? RouteGateway(string? route)
        {
            var words = (route ?? string.Empty).Split(new[] { ' ', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var via = Array.IndexOf(words, "via");
            return via >= 0 && via + 1 < words.Length && IPAddress.TryParse(words[via + 1], out var gateway) ? gateway : null;
        }
    }
}
