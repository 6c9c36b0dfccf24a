using System.Collections.Generic;
using System.Net;
using SshTriage.Diagnosis;
using SshTriage.Fail2Ban;
using SshTriage.Firewall;
using SshTriage.Net;
using SshTriage.Sshd;

namespace SshTriage.Collection
{
    /// <summary>
    /// The plan of each server-side cmdlet, built from its parameters: the one place the cmdlets
    /// and the lab runner get them, so both read the same sections the same way.
    /// </summary>
    public static class EvidencePlans
    {
        /// <summary>Get-SshListener: sockets on <paramref name="ports"/>; with none, sshd's, ssh socket units' and port 22's.</summary>
        public static EvidencePlan Listeners(IEnumerable<int>? ports) =>
            new EvidencePlan(ListenerReader.Sections, new ListenerReader(ports).Read);

        /// <summary>Get-SshdConfig: the effective settings, with Match blocks evaluated for the user, host or address given.</summary>
        public static EvidencePlan SshdConfig(string? matchUser, string? matchHost, IPAddress? matchAddress)
        {
            var reader = new SshdConfigReader(matchUser, matchHost, matchAddress);
            return new EvidencePlan(reader.Sections, reader.Read);
        }

        /// <summary>Get-SshLogEvent: sshd's log events that <paramref name="filter"/> keeps.</summary>
        public static EvidencePlan SshLog(SshLogFilter filter)
        {
            var reader = new SshLogReader(filter);
            return new EvidencePlan(reader.Sections, reader.Read);
        }

        /// <summary>Get-Fail2BanJail: the jails matching <paramref name="names"/> (wildcards; none = all).</summary>
        public static EvidencePlan Fail2BanJails(IEnumerable<string>? names) =>
            new EvidencePlan(Fail2BanSections.Jails, new Fail2BanReader(names).ReadJails);

        /// <summary>Get-Fail2BanBan: the bans of the jails matching <paramref name="jails"/>, inside <paramref name="within"/> when given.</summary>
        public static EvidencePlan Fail2BanBans(IEnumerable<string>? jails, IPPrefix? within) =>
            new EvidencePlan(Fail2BanSections.Bans, new Fail2BanReader(jails, within).ReadBans);

        /// <summary>Get-FirewallRule: the rules <paramref name="filter"/> keeps.</summary>
        public static EvidencePlan FirewallRules(FirewallRuleFilter filter) =>
            new EvidencePlan(FirewallReader.Sections, new FirewallReader(filter).ReadRules);

        /// <summary>Test-FirewallAccess: the firewalls' verdict on <paramref name="packet"/>.</summary>
        public static EvidencePlan FirewallAccess(PacketQuery packet) =>
            new EvidencePlan(FirewallReader.Sections, evidence => FirewallReader.ReadVerdict(evidence, packet));

        /// <summary>Find-SshRejectCause: the ranked causes, probing while the collector waits when <paramref name="search"/> asks for it.</summary>
        public static EvidencePlan RejectCauses(CauseSearch search)
        {
            var reader = new CauseReader(search.Port, search.ClientAddress, search.ClientUser, search.Origin(), search.Hops, search.IncludeCleared, clientKey: search.ClientKey);
            return new EvidencePlan(reader.Sections, reader.Read, reader.Pause);
        }
    }
}
